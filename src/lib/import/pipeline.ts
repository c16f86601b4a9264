import type { Connector } from '$lib/db/types';
import { datasetMetaQueries, deleteDatasetQueries, rebuildDerived, rebuildSummaries } from '$lib/queries/datasets';
import {
  checkQuery,
  cleanupQueries,
  duplicateCountQuery,
  duplicateQuery,
  indicatorLabelsQuery,
  indicatorMapQueries,
  periodNamesQueries,
  periodsQuery,
  problemCountsQuery,
  problemsQuery,
  readRawQuery,
  rejectsQuery,
  rowsQueries
} from '$lib/queries/import';
import {
  acceptedQueries,
  appendObservationsQueries,
  commitRowsQuery,
  existingQuery,
  exportDatasetQueries,
  insertIndicatorQuery,
  overlapQuery,
  type NewIndicator
} from '$lib/queries/import-commit';
import { indicatorsQuery, type Indicator } from '$lib/queries/indicators';
import type { Dialect } from './detect';
import { MAX_LISTED_ISSUES } from './limits';
import type { ColumnMapping, Field } from './mapping';
import { matchIndicator } from './match';

/** Why a row (or the file) cannot be loaded. */
export type ProblemCode =
  | 'indicator_missing'
  | 'indicator_unknown'
  | 'period_missing'
  | 'period_invalid'
  | 'value_nan'
  | 'value_negative'
  | 'duplicate_in_file'
  | 'unclosed_quote'
  | 'missing_columns'
  | 'too_many_columns'
  | 'invalid_unicode'
  | 'malformed';

/** One problem, where a manager can find it: file line (header = 1) and column name. */
export interface Problem {
  line: number;
  column: string | null;
  code: ProblemCode;
  /** The offending cell's text, shown as text, never as HTML. */
  text: string | null;
}

/** A label of the file's indicator column and what it is matched to. */
export interface IndicatorLabel {
  label: string;
  rows: number;
  /** The catalogue indicator it means; null when unknown (the manager picks or describes one). */
  indicatorId: string | null;
}

/** What staging a file found, before anything changes. */
export interface StageResult {
  labels: IndicatorLabel[];
  /** Records the CSV reader itself refused (unclosed quote, ragged row), by line. */
  rejectedLines: Problem[];
}

/** The validation report: counts, listed problems and overlaps with data already loaded. */
export interface CheckResult {
  /** Values read from the file (one per row, or per cell of a wide file). */
  total: number;
  accepted: number;
  /** Refused values plus records the reader could not read. */
  rejected: number;
  counts: Partial<Record<ProblemCode, number>>;
  problems: Problem[];
  overlaps: { indicator_id: string; n: number; first: string; last: string }[];
}

const READER_ERRORS: Record<string, ProblemCode> = {
  'UNQUOTED VALUE': 'unclosed_quote',
  'MISSING COLUMNS': 'missing_columns',
  'TOO MANY COLUMNS': 'too_many_columns',
  'INVALID UNICODE': 'invalid_unicode'
};

/** The problem a CSV reader error type stands for. */
export function readerProblem(errorType: string): ProblemCode {
  return READER_ERRORS[errorType] ?? 'malformed';
}

/** The file line of the `rec`-th accepted record, given the (sorted) lines the reader refused. */
export function lineOf(rec: number, refused: readonly number[]): number {
  let line = rec + 1;
  for (const r of refused) if (r <= line) line++;
  return line;
}

/** Reads a registered file into the engine's working tables and matches its indicators to the catalogue. */
export async function stageImport(
  db: Connector,
  file: string,
  header: readonly string[],
  dialect: Dialect,
  mapping: ColumnMapping
): Promise<StageResult> {
  for (const q of cleanupQueries()) await db.query(q);
  await db.query(readRawQuery(file, header.length, dialect));
  const rejects = await db.query<{ line: number; column_name: string | null; error_type: string }>(rejectsQuery());
  if (mapping.layout === 'wide') for (const q of periodNamesQueries(mapping, header)) await db.query(q);
  for (const q of rowsQueries(mapping)) await db.query(q);
  const catalogue = await db.query<Indicator>(indicatorsQuery());
  const raw = await db.query<{ label: string | null; n: number }>(indicatorLabelsQuery());
  return {
    labels: raw.map((r) => ({
      label: r.label ?? '',
      rows: r.n,
      indicatorId: r.label ? matchIndicator(r.label, catalogue) : null
    })),
    rejectedLines: rejects.map((r) => ({
      line: r.line,
      column: r.column_name ? (header[Number(r.column_name.slice(1))] ?? null) : null,
      code: readerProblem(r.error_type),
      text: null
    }))
  };
}

/** The column a problem is about, by the file's header. */
function columnOf(
  code: ProblemCode,
  mapping: ColumnMapping,
  header: readonly string[],
  sourceColumn: string | null
): string | null {
  if (sourceColumn) return header[Number(sourceColumn.slice(1))] ?? null;
  const field: Field = code.startsWith('indicator') ? 'indicator' : code.startsWith('period') ? 'period' : 'value';
  const i = mapping.columns[field];
  return i === undefined ? null : (header[i] ?? null);
}

/** Validates the staged rows with the manager's indicator choices; changes nothing loaded. */
export async function checkImport(
  db: Connector,
  stage: StageResult,
  indicatorMap: Record<string, string | null>,
  dialect: Dialect,
  mapping: ColumnMapping,
  header: readonly string[]
): Promise<CheckResult> {
  for (const q of indicatorMapQueries(indicatorMap)) await db.query(q);
  await db.query(periodsQuery());
  await db.query(checkQuery(dialect.decimal, mapping));
  const [dupes] = await db.query<{ n: number }>(duplicateCountQuery());
  if (dupes && dupes.n > 0) await db.query(duplicateQuery());
  const refused = stage.rejectedLines.map((p) => p.line).sort((a, b) => a - b);
  const rows = await db.query<{ rec: number; problem: ProblemCode; source_column: string | null; text: string | null }>(
    problemsQuery(MAX_LISTED_ISSUES)
  );
  const listed: Problem[] = rows.map((r) => ({
    line: lineOf(r.rec, refused),
    column: columnOf(r.problem, mapping, header, r.source_column),
    code: r.problem,
    text: r.text
  }));
  const problems = [...stage.rejectedLines, ...listed].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ISSUES);
  const counts: Partial<Record<ProblemCode, number>> = {};
  let accepted = 0;
  let refusedValues = 0;
  for (const c of await db.query<{ problem: ProblemCode | 'ok'; n: number }>(problemCountsQuery())) {
    if (c.problem === 'ok') accepted = c.n;
    else {
      counts[c.problem] = c.n;
      refusedValues += c.n;
    }
  }
  for (const p of stage.rejectedLines) counts[p.code] = (counts[p.code] ?? 0) + 1;
  await db.query(existingQuery());
  const overlaps = await db.query<CheckResult['overlaps'][number]>(overlapQuery());
  return {
    total: accepted + refusedValues,
    accepted,
    rejected: refusedValues + stage.rejectedLines.length,
    counts,
    problems,
    overlaps
  };
}

/**
 * Loads the accepted rows as a new dataset, in one transaction: either every accepted row is in (raw
 * text for reloads, typed rows added to the derived tables, summaries rebuilt) or nothing changed.
 */
export async function commitImport(
  db: Connector,
  dataset: string,
  defaultSource: string,
  mode: 'append' | 'replace',
  newIndicators: readonly NewIndicator[] = []
): Promise<{ rows: number }> {
  // A dataset loaded again under its name (a kept import, when the published data changed) replaces
  // its earlier copy; the derived tables are then rebuilt, since that copy may have hidden other rows.
  const [{ n: again } = { n: 0 }] = await db.query<{ n: number }>({
    sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM dataset_meta WHERE dataset = ?',
    params: [dataset]
  });
  await db.query({ sql: 'BEGIN TRANSACTION' });
  try {
    if (again)
      for (const q of [...deleteDatasetQueries(dataset), ...deleteDatasetQueries(`${dataset}.indicators.csv`)]) await db.query(q);
    for (const ind of newIndicators) await db.query(insertIndicatorQuery(`${dataset}.indicators.csv`, ind));
    await db.query(existingQuery(dataset)); // again: what is loaded may have changed since the check
    for (const q of acceptedQueries(dataset, defaultSource, mode)) await db.query(q);
    await db.query(commitRowsQuery());
    for (const q of datasetMetaQueries(dataset, mode === 'replace')) await db.query(q);
    if (again) await rebuildDerived(db);
    else {
      for (const q of appendObservationsQueries(mode === 'replace')) await db.query(q);
      await rebuildSummaries(db, newIndicators.length > 0);
    }
    await db.query({ sql: 'COMMIT' });
  } catch (err) {
    await db.query({ sql: 'ROLLBACK' });
    throw err;
  }
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM import_accepted' });
  for (const q of cleanupQueries()) await db.query(q);
  return { rows: n };
}

/** A loaded dataset's rows as canonical CSV bytes (docs/data-format.md): what the server stores on a publish. */
export async function exportDataset(db: Connector, dataset: string): Promise<Uint8Array> {
  const file = `vigie_export_${Date.now()}.csv`;
  for (const q of exportDatasetQueries(dataset, file)) await db.query(q);
  try {
    return await db.readFile(file);
  } finally {
    await db.dropFile(file);
  }
}
