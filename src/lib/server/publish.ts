import { LEVEL_FIELDS, type Level, type LevelField } from '$lib/import/aggregates';
import type { FileProblem } from '$lib/import/analyse';
import { DELIMITERS, type Dialect } from '$lib/import/detect';
import { FIELDS, type ColumnMapping, type Field } from '$lib/import/mapping';
import type { SessionUser } from '$lib/publishing/types';
import type { NewIndicator } from '$lib/queries/import-commit';
import { listCurrent } from './current';
import { freshEngine } from './engine';
import { serial } from './fsio';
import { catalogueNameFor, importDatasetName, isDatasetName } from './names';
import { services } from './services';
import type { VersionRecord } from './store';
import { KeptThread } from './threads/kept';

/** The editor's decisions, as the import page sends them with the file. Untrusted until parsed. */
export interface PublishDecisions {
  /** Target dataset; default `observations/imports-<file>.csv`. */
  dataset: string;
  mode: 'append' | 'replace';
  dialect: Partial<Dialect>;
  mapping: ColumnMapping | undefined;
  indicatorMap: Record<string, string | null>;
  described: NewIndicator[];
  /** Where a column holds totals and their parts, the level loaded (the total when not said). */
  levels: Partial<Record<LevelField, Level>>;
  /** A workbook's sheet and header row, as the editor read them. */
  sheet?: string;
  headerRow?: number;
  /** Values the browser found valid: a different count on the server refuses the publish. */
  expectAccepted: number | null;
}

/** Why a publish is refused. */
export type PublishRefusal =
  | 'bad_request'
  | 'bad_dataset'
  | FileProblem
  | 'unreadable'
  | 'mapping_incomplete'
  | 'unknown_indicator'
  | 'indicator_exists'
  | 'nothing_valid'
  | 'nothing_new'
  | 'count_mismatch';

/** What a publish gave: the new version(s), or a refusal with its HTTP status. */
export type PublishOutcome =
  | {
      ok: true;
      dataset: string;
      record: VersionRecord;
      rows: number;
      accepted: number;
      rejected: number;
      catalogue: VersionRecord | null;
    }
  | { ok: false; status: number; code: PublishRefusal; detail?: string };

const ID = /^[a-z0-9_]{1,80}$/;
/** A described indicator's unit: the catalogue's three, or the file's own (« Kilolitres »). */
const isUnit = (u: unknown): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 60;
const isInt = (n: unknown, max: number): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
const text = (s: unknown, max: number): s is string => typeof s === 'string' && s.trim().length > 0 && s.length <= max;
/** A JSON object (`{…}`): not an array, not null. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the decisions sent with a file; null when anything is malformed (the request is refused). */
export function parseDecisions(raw: unknown, fileName: string): PublishDecisions | null {
  if (!isObject(raw)) return null;
  const r = raw;
  const dataset = r.dataset === undefined || r.dataset === null || r.dataset === '' ? importDatasetName(fileName) : r.dataset;
  if (typeof dataset !== 'string') return null;
  const mode = r.mode ?? 'replace';
  if (mode !== 'append' && mode !== 'replace') return null;

  const dialect: Partial<Dialect> = {};
  const d = r.dialect ?? {};
  if (!isObject(d)) return null;
  if (d.encoding !== undefined) {
    if (d.encoding !== 'utf-8' && d.encoding !== 'windows-1252') return null;
    dialect.encoding = d.encoding;
  }
  if (d.delimiter !== undefined) {
    if (!(DELIMITERS as readonly unknown[]).includes(d.delimiter)) return null;
    dialect.delimiter = d.delimiter as Dialect['delimiter'];
  }
  if (d.decimal !== undefined) {
    if (d.decimal !== ',' && d.decimal !== '.') return null;
    dialect.decimal = d.decimal;
  }

  let mapping: ColumnMapping | undefined;
  if (r.mapping !== undefined && r.mapping !== null) {
    const m = r.mapping;
    if (!isObject(m) || !['long', 'wide', 'statcan'].includes(m.layout as string)) return null;
    if (!isObject(m.columns) || !Array.isArray(m.periodColumns)) return null;
    const columns: Partial<Record<Field, number>> = {};
    for (const [k, v] of Object.entries(m.columns)) {
      if (!(FIELDS as readonly string[]).includes(k) || !isInt(v, 100_000)) return null;
      columns[k as Field] = v;
    }
    if (m.periodColumns.length > 100_000 || !m.periodColumns.every((i) => isInt(i, 100_000))) return null;
    const constant = m.indicatorConstant ?? null;
    if (constant !== null && !text(constant, 500)) return null;
    const period = m.periodConstant ?? null;
    if (period !== null && !text(period, 40)) return null;
    if (m.fiscal !== undefined && typeof m.fiscal !== 'boolean') return null;
    mapping = {
      layout: m.layout as ColumnMapping['layout'],
      columns,
      periodColumns: m.periodColumns as number[],
      indicatorConstant: constant,
      periodConstant: period,
      fiscal: m.fiscal === true
    };
  }

  // No prototype: a label such as `constructor` or `__proto__` is a label like any other, not Object's.
  const indicatorMap: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  const map = r.indicatorMap ?? {};
  if (!isObject(map)) return null;
  const entries = Object.entries(map);
  if (entries.length > 100_000) return null;
  for (const [label, id] of entries) {
    // '' sets a label aside on purpose (a TOTAL row, an indicator not imported).
    if (label.length > 1000 || (id !== null && id !== '' && (typeof id !== 'string' || !ID.test(id)))) return null;
    indicatorMap[label] = id as string | null;
  }

  const described: NewIndicator[] = [];
  const list = r.described ?? [];
  if (!Array.isArray(list) || list.length > 500) return null;
  for (const item of list as unknown[]) {
    if (!isObject(item)) return null;
    const { indicator_id, axis, name_fr, name_en, unit } = item;
    if (typeof indicator_id !== 'string' || !ID.test(indicator_id) || typeof axis !== 'string' || !ID.test(axis)) return null;
    if (!text(name_fr, 200) || !text(name_en ?? name_fr, 200) || !isUnit(unit)) return null;
    described.push({
      indicator_id,
      axis,
      name_fr: name_fr.trim(),
      name_en: String(name_en ?? name_fr).trim(),
      unit: unit.trim()
    });
  }
  const levels: Partial<Record<LevelField, Level>> = {};
  const l = r.levels ?? {};
  if (typeof l !== 'object' || l === null || Array.isArray(l)) return null;
  for (const [field, level] of Object.entries(l as Record<string, unknown>)) {
    if (!(LEVEL_FIELDS as readonly string[]).includes(field) || (level !== 'total' && level !== 'parts')) return null;
    levels[field as LevelField] = level;
  }
  const expectAccepted = r.expectAccepted === undefined || r.expectAccepted === null ? null : r.expectAccepted;
  if (expectAccepted !== null && !isInt(expectAccepted, Number.MAX_SAFE_INTEGER)) return null;
  const sheet = r.sheet ?? undefined;
  if (sheet !== undefined && !text(sheet, 200)) return null;
  const headerRow = r.headerRow ?? undefined;
  if (headerRow !== undefined && !isInt(headerRow, 1_048_576)) return null;
  return { dataset, mode, dialect, mapping, indicatorMap, described, levels, sheet, headerRow, expectAccepted };
}

/** A file name as kept in the history: no folders, no control characters, 200 characters at most. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    base
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 200) || 'fichier.csv'
  );
}

/**
 * Publishes an import: validates the file again with the import code, in a worker thread (see
 * `validatePublish`), and stores the canonical CSV it produces as the dataset's next version. One
 * validation at a time, in the order they arrived. Resolves once the server's engine holds the new
 * version, so the editor's next page shows it; everyone else is served the previous data meanwhile.
 */
export async function publishImport(
  user: SessionUser,
  fileName: string,
  path: string,
  decisions: PublishDecisions,
  ip: string | null = null
): Promise<PublishOutcome> {
  const outcome = await serial('vigie-publish-validate', async () => {
    const outcome = await validateAndStore(user, fileName, path, decisions);
    const { audit } = services();
    if (outcome.ok) {
      await audit.record({
        event: 'publish',
        user: user.name,
        ip,
        dataset: outcome.dataset,
        version: outcome.record.version,
        detail: `${fileName} (${outcome.rows} rows)`
      });
      if (outcome.catalogue)
        await audit.record({
          event: 'publish',
          user: user.name,
          ip,
          dataset: catalogueNameFor(outcome.dataset),
          version: outcome.catalogue.version,
          detail: fileName
        });
    } else {
      await audit.record({
        event: 'publish_refused',
        user: user.name,
        ip,
        dataset: decisions.dataset,
        detail: `${fileName}: ${outcome.code}`
      });
    }
    return outcome;
  });
  if (outcome.ok) await freshEngine().catch(() => {}); // a failed load is logged; the version stands
  return outcome;
}

/** The validations' worker thread: one publish at a time, each on a fresh DuckDB of its own. */
const validations = new KeptThread();

async function validateAndStore(user: SessionUser, fileName: string, path: string, d: PublishDecisions): Promise<PublishOutcome> {
  if (!isDatasetName(d.dataset) || !d.dataset.startsWith('observations/')) return { ok: false, status: 400, code: 'bad_dataset' };
  const current = (await listCurrent()).filter((c) => c.name !== d.dataset);
  const validated = await validations.run((thread) => thread.call('validate', { path, fileName, decisions: d, current }));
  if (!validated.ok) return validated;
  const { store } = services();
  const catalogue = validated.catalogue
    ? await store.publish(catalogueNameFor(d.dataset), validated.catalogue, { by: user.name, fileName, rows: null })
    : null;
  const record = await store.publish(d.dataset, validated.csv, {
    by: user.name,
    fileName,
    rows: validated.rows,
    replaces: d.mode === 'replace'
  });
  return {
    ok: true,
    dataset: d.dataset,
    record,
    rows: validated.rows,
    accepted: validated.accepted,
    rejected: validated.rejected,
    catalogue
  };
}
