import type { Connector } from '$lib/db/types';
import { indicatorMapQueries, periodsQuery } from '$lib/queries/import';
import {
  checkQuery,
  duplicateCountQuery,
  duplicateQuery,
  outcomeCountsQuery,
  problemCountsQuery,
  problemsQuery,
  warningsQuery
} from '$lib/queries/import-check';
import { existingQuery, overlapQuery } from '$lib/queries/import-commit';
import { multilineQuery } from '$lib/queries/import-stage';
import { tableOfValues } from '$lib/queries/sql';
import type { Level, LevelField } from './aggregates';
import type { Dialect } from './detect';
import { MAX_LISTED_ISSUES } from './limits';
import { recordLine, refusedLine, type LineMap } from './lines';
import type { ColumnMapping, Field } from './mapping';
import type { Problem, ProblemCode } from './problems';
import type { StageResult } from './stage';
import { catalogueKind } from './units';
import { sheetCellAddress } from './workbook-table';

/** What the manager decided about a staged file. */
export interface CheckDecisions {
  /** File label → catalogue indicator; null: unknown (refused); `''`: set aside on purpose. */
  indicatorMap: Record<string, string | null>;
  /** For each column holding totals and parts, the level to load (the total when not said). */
  levels?: Partial<Record<LevelField, Level>>;
  /** Indicators the import adds to the catalogue, with their unit, to check the file's unit against. */
  described?: readonly { indicator_id: string; unit: string }[];
}

/** Where a file that came from a workbook puts each record and column (for `Feuil1!C12`). */
export interface WorkbookPlace {
  sheet: string;
  /** The sheet row of each record (`rec` 1 → `rowNumbers[0]`). */
  rowNumbers: ArrayLike<number>;
  /** The sheet column (0-based) of each of the file's columns. */
  columns: readonly number[];
}

/** The validation report: counts, listed problems and overlaps with data already loaded. */
export interface CheckResult {
  /** Values read from the file (one per row, or per cell of a wide file), set-aside ones included. */
  total: number;
  /** Values that can be loaded, those without a figure (`..`, `x`, an empty cell) among them. */
  accepted: number;
  /** Loadable values without a figure: loaded as "not available", never as zero. */
  missing: number;
  /** Refused values plus records the reader could not read. */
  rejected: number;
  /** Values left out by the manager's choices: a skipped indicator, a total or its parts. */
  aside: { indicator: number; total: number; parts: number };
  /** How many times each problem occurs. */
  counts: Partial<Record<ProblemCode, number>>;
  problems: Problem[];
  /** Cells a spreadsheet would take for a formula: loaded as text, neutralised in every download. */
  warnings: { count: number; listed: Problem[] };
  overlaps: { indicator_id: string; n: number; first: string; last: string }[];
}

/** The column of the file a problem is about. */
function columnIndex(code: ProblemCode, mapping: ColumnMapping, sourceColumn: string | null): number | undefined {
  if (sourceColumn) return Number(sourceColumn.slice(1));
  const field: Field = code.startsWith('indicator')
    ? 'indicator'
    : code.startsWith('period')
      ? 'period'
      : code === 'unit_mismatch' && mapping.columns.unit !== undefined
        ? 'unit'
        : 'value';
  return mapping.columns[field];
}

/** Builds the tables the check joins: decisions, totals kept or set aside, units on both sides. */
async function prepare(
  db: Connector,
  stage: StageResult,
  decisions: CheckDecisions
): Promise<Partial<Record<LevelField, Level>>> {
  for (const q of indicatorMapQueries(decisions.indicatorMap)) await db.query(q);
  const levels: Partial<Record<LevelField, Level>> = {};
  const members: [string, string, boolean][] = [];
  for (const a of stage.aggregates) {
    levels[a.field] = decisions.levels?.[a.field] ?? 'total';
    // The check compares countries in upper case (ISO codes).
    for (const t of a.totals) members.push([a.field, a.field === 'country' ? t.member.toUpperCase() : t.member, t.top]);
  }
  const aggregateColumns: [string, string][] = [
    ['field', 'VARCHAR'],
    ['member', 'VARCHAR'],
    ['top', 'BOOLEAN']
  ];
  for (const q of tableOfValues('import_aggregates', aggregateColumns, members)) await db.query(q);
  const units = stage.units.filter((u) => u.read).map((u) => [u.unit, u.read!.kind, u.read!.scale]);
  const unitColumns: [string, string][] = [
    ['unit', 'VARCHAR'],
    ['kind', 'VARCHAR'],
    ['scale', 'DOUBLE']
  ];
  for (const q of tableOfValues('import_units', unitColumns, units)) await db.query(q);
  const catalogue = await db.query<{ indicator_id: string; unit: string | null }>({
    sql: 'SELECT indicator_id, unit FROM indicators'
  });
  const kinds = [...catalogue, ...(decisions.described ?? [])].map((i) => [i.indicator_id, catalogueKind(i.unit)]);
  const kindColumns: [string, string][] = [
    ['indicator_id', 'VARCHAR'],
    ['kind', 'VARCHAR']
  ];
  for (const q of tableOfValues('import_indicator_units', kindColumns, kinds)) await db.query(q);
  return levels;
}

/** Validates the staged rows with the manager's decisions; changes nothing loaded. */
export async function checkImport(
  db: Connector,
  stage: StageResult,
  decisions: CheckDecisions,
  dialect: Dialect,
  mapping: ColumnMapping,
  header: readonly string[],
  workbook: WorkbookPlace | null = null
): Promise<CheckResult> {
  const levels = await prepare(db, stage, decisions);
  await db.query(periodsQuery(mapping.layout === 'statcan' ? 2 : mapping.fiscal ? 1 : 0));
  await db.query(checkQuery({ decimal: dialect.decimal, mapping, levels, headerUnit: stage.headerUnit }));
  const [dupes] = await db.query<{ n: number }>(duplicateCountQuery());
  if (dupes && dupes.n > 0) await db.query(duplicateQuery());

  const rows = await db.query<{ rec: number; problem: ProblemCode; source_column: string | null; text: string | null }>(
    problemsQuery(MAX_LISTED_ISSUES)
  );
  const [outcome] = await db.query<{
    accepted: number;
    missing: number;
    refused: number;
    aside_indicator: number;
    aside_total: number;
    aside_parts: number;
    warnings: number;
  }>(outcomeCountsQuery());
  const warned = outcome!.warnings
    ? await db.query<{ rec: number; source_column: string | null; warn: string; text: string | null }>(warningsQuery(100))
    : [];

  const lines: LineMap = {
    refused: stage.rejectedLines.map((p) => p.line).sort((a, b) => a - b),
    // Only looked for when a line is to be shown: it reads every cell of the file.
    multiline: !workbook && (rows.length || warned.length) ? await db.query(multilineQuery(header.length)) : [],
    rowNumbers: workbook?.rowNumbers ?? null
  };
  const place = (rec: number, column: number | undefined) => {
    const line = recordLine(rec, lines);
    const name = column === undefined ? null : (header[column] ?? null);
    if (!workbook || column === undefined) return { line, column: name };
    return { line, column: name, cell: sheetCellAddress(workbook.sheet, workbook.columns[column] ?? column, line) };
  };
  const listed: Problem[] = rows.map((r) => ({
    ...place(r.rec, columnIndex(r.problem, mapping, r.source_column)),
    code: r.problem,
    text: r.text
  }));
  const readerRefused = stage.rejectedLines.map((p) => ({ ...p, line: refusedLine(p.line, lines) }));
  const problems = [...readerRefused, ...listed].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ISSUES);
  const counts: Partial<Record<ProblemCode, number>> = {};
  for (const c of await db.query<{ problem: ProblemCode; n: number }>(problemCountsQuery())) counts[c.problem] = c.n;
  for (const p of stage.rejectedLines) counts[p.code as ProblemCode] = (counts[p.code as ProblemCode] ?? 0) + 1;
  const fieldColumn = (warn: string) => mapping.columns[(warn === 'indicator_raw' ? 'indicator' : warn) as Field];

  await db.query(existingQuery());
  const overlaps = await db.query<CheckResult['overlaps'][number]>(overlapQuery());
  const aside = { indicator: outcome!.aside_indicator, total: outcome!.aside_total, parts: outcome!.aside_parts };
  return {
    total: outcome!.accepted + outcome!.refused + aside.indicator + aside.total + aside.parts + stage.rejectedLines.length,
    accepted: outcome!.accepted,
    missing: outcome!.missing,
    rejected: outcome!.refused + stage.rejectedLines.length,
    aside,
    counts,
    problems,
    warnings: {
      count: outcome!.warnings,
      listed: warned.map((w) => ({ ...place(w.rec, fieldColumn(w.warn)), code: 'formula_like' as const, text: w.text }))
    },
    overlaps
  };
}
