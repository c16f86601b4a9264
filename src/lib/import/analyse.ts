import type { Connector } from '$lib/db/types';
import { sniff, type Dialect, type Sniffed } from './detect';
import { decode } from './encoding';
import { MAX_IMPORT_BYTES, SNIFF_BYTES } from './limits';
import { missingFields, proposeMapping, type ColumnMapping, type Field } from './mapping';
import { isPeriod } from './period';
import { checkImport, stageImport, type CheckResult, type StageResult } from './pipeline';

/** Why a whole file is refused before any row is read. */
export type FileProblem = 'empty' | 'header_only' | 'binary' | 'too_large';

/** A file refused as a whole, or read with its mapping, staging and validation report. */
export type Analysis =
  | { ok: false; problem: FileProblem; sniffed: Sniffed | null }
  | {
      ok: true;
      sniffed: Sniffed;
      mapping: ColumnMapping;
      /** Required fields the mapping still lacks: nothing is staged until they are given. */
      missing: Field[];
      stage: StageResult | null;
      indicatorMap: Record<string, string | null>;
      check: CheckResult | null;
    };

/** File-level checks on size and first bytes, before any parsing. */
export function fileProblem(size: number, sniffed: Sniffed): FileProblem | null {
  if (size > MAX_IMPORT_BYTES) return 'too_large';
  if (size === 0 || sniffed.empty) return 'empty';
  if (sniffed.binary) return 'binary';
  if (sniffed.rows.length === 0) return 'header_only';
  return null;
}

/**
 * The bytes DuckDB reads: UTF-8 files as they are (its reader skips a byte-order mark); Windows-1252
 * ones decoded and re-encoded, since `é`, `’` and `œ` differ from Latin-1.
 */
export function toUtf8(bytes: Uint8Array, dialect: Dialect): Uint8Array {
  return dialect.encoding === 'utf-8' ? bytes : new TextEncoder().encode(decode(bytes, dialect.encoding));
}

/** Options for reading a file: the manager's overrides of what detection found. */
export interface AnalyseOptions {
  dialect?: Partial<Dialect>;
  mapping?: ColumnMapping;
  /** Label → indicator decisions already made (unknown labels otherwise stay unknown). */
  indicatorMap?: Record<string, string | null>;
}

/**
 * The whole reading of a file, in one call: detect, map, stage, validate. The browser's import page
 * runs the same steps one at a time; the server and the tests call this.
 */
export async function analyseBytes(db: Connector, bytes: Uint8Array, options: AnalyseOptions = {}): Promise<Analysis> {
  const sniffed = sniff(bytes.subarray(0, SNIFF_BYTES), options.dialect);
  const problem = fileProblem(bytes.length, sniffed);
  if (problem) return { ok: false, problem, sniffed: problem === 'binary' || problem === 'empty' ? null : sniffed };
  const mapping = options.mapping ?? proposeMapping(sniffed, isPeriod);
  const missing = missingFields(mapping);
  if (missing.length) return { ok: true, sniffed, mapping, missing, stage: null, indicatorMap: {}, check: null };
  const file = `vigie_import_${Date.now()}.csv`;
  await db.registerBytes(file, toUtf8(bytes, sniffed.dialect));
  try {
    const stage = await stageImport(db, file, sniffed.header, sniffed.dialect, mapping);
    // Own keys only: a label such as `constructor` must not find Object.prototype's.
    const chosen = (label: string) =>
      options.indicatorMap && Object.hasOwn(options.indicatorMap, label) ? options.indicatorMap[label] : undefined;
    const indicatorMap = Object.fromEntries(stage.labels.map((l) => [l.label, chosen(l.label) ?? l.indicatorId]));
    const check = await checkImport(db, stage, indicatorMap, sniffed.dialect, mapping, sniffed.header);
    return { ok: true, sniffed, mapping, missing, stage, indicatorMap, check };
  } finally {
    await db.dropFile(file);
  }
}
