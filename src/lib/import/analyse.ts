import type { Connector } from '$lib/db/types';
import { sniff, type Dialect, type Sniffed } from './detect';
import { decode } from './encoding';
import { MAX_IMPORT_BYTES, SNIFF_BYTES } from './limits';
import { missingFields, proposeMapping, type ColumnMapping, type Field } from './mapping';
import { isPeriod } from './period';
import type { Level, LevelField } from './aggregates';
import { checkImport, type CheckResult } from './check';
import { sheetSource, type SheetSource, type WorkbookView } from './sheet-source';
import { stageImport, type StageResult } from './stage';
import type { WorkbookProblem } from './workbook-kind';

/** Why a whole file is refused before any row is read (a workbook's own reasons among them). */
export type FileProblem = 'empty' | 'header_only' | 'binary' | 'too_large' | WorkbookProblem;

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
      /** For a workbook: its sheets, the one read and what was left around the table. */
      workbook: WorkbookView | null;
    };

/** File-level checks on size and first bytes, before any parsing. */
export function fileProblem(size: number, sniffed: Sniffed): FileProblem | null {
  if (size > MAX_IMPORT_BYTES) return 'too_large';
  if (size === 0 || sniffed.empty) return 'empty';
  if (sniffed.workbook) return null; // read by sheet; its table is checked once read
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
  /** The level loaded where a column holds totals and their parts (the total when not said). */
  levels?: Partial<Record<LevelField, Level>>;
  /** Indicators the import adds to the catalogue, with their unit. */
  described?: readonly { indicator_id: string; unit: string }[];
  /** The file's name: a period in it (`…-202401.csv`) is offered for a file without a period column. */
  fileName?: string;
  /** A workbook's sheet to read (default: the first visible sheet holding a table). */
  sheet?: string;
  /** A workbook's header row, 1-based (default: found under the title rows). */
  headerRow?: number;
}

/**
 * The whole reading of a file, in one call: detect, map, stage, validate. The browser's import page
 * runs the same steps one at a time; the server and the tests call this.
 */
export async function analyseBytes(db: Connector, bytes: Uint8Array, options: AnalyseOptions = {}): Promise<Analysis> {
  let sniffed = sniff(bytes.subarray(0, SNIFF_BYTES), options.dialect);
  let source: SheetSource | null = null;
  if (sniffed.workbook && bytes.length <= MAX_IMPORT_BYTES) {
    // SheetJS is loaded only for a workbook (the browser never runs this function: its parsing worker does).
    const { readSheet, WorkbookError } = await import('./workbook');
    try {
      source = sheetSource(readSheet(bytes, { sheet: options.sheet, headerRow: options.headerRow }));
    } catch (err) {
      if (err instanceof WorkbookError) return { ok: false, problem: err.code, sniffed: null };
      throw err;
    }
    sniffed = source.sniffed;
  }
  const problem = fileProblem(bytes.length, sniffed);
  if (problem) return { ok: false, problem, sniffed: problem === 'binary' || problem === 'empty' ? null : sniffed };
  const workbook = source?.view ?? null;
  const mapping = options.mapping ?? proposeMapping(sniffed, isPeriod, options.fileName);
  const missing = missingFields(mapping);
  if (missing.length) return { ok: true, sniffed, mapping, missing, stage: null, indicatorMap: {}, check: null, workbook };
  const file = `vigie_import_${Date.now()}.csv`;
  await db.registerBytes(file, source ? source.csv : toUtf8(bytes, sniffed.dialect));
  try {
    const stage = await stageImport(db, file, sniffed.header, sniffed.dialect, mapping, source?.hints);
    const indicatorMap = proposedIndicators(stage, options.indicatorMap);
    const decisions = { indicatorMap, levels: options.levels, described: options.described };
    const check = await checkImport(db, stage, decisions, sniffed.dialect, mapping, sniffed.header, source?.place ?? null);
    return { ok: true, sniffed, mapping, missing, stage, indicatorMap, check, workbook };
  } finally {
    await db.dropFile(file);
  }
}

/**
 * Each label's indicator: the manager's decision when there is one, else the catalogue's match; a label
 * naming a total (`TOTAL`) is set aside (`''`), never taken for an indicator of its own.
 */
export function proposedIndicators(
  stage: Pick<StageResult, 'labels'>,
  decided: Record<string, string | null> = {}
): Record<string, string | null> {
  return Object.fromEntries(
    // Own keys only: a label such as `constructor` must not find Object.prototype's.
    stage.labels.map((l) => [
      l.label,
      Object.hasOwn(decided, l.label) && decided[l.label] !== undefined
        ? decided[l.label]!
        : (l.indicatorId ?? (l.total ? '' : null))
    ])
  );
}
