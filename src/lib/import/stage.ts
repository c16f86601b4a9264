import type { Connector } from '$lib/db/types';
import {
  cleanupQueries,
  indicatorLabelsQuery,
  periodNamesQueries,
  readRawQuery,
  rejectsQuery,
  rowsQueries
} from '$lib/queries/import';
import { hierarchyQuery, memberCountsQuery, unitCountsQuery } from '$lib/queries/import-stage';
import { indicatorsQuery, type Indicator } from '$lib/queries/indicators';
import { aggregateMembers, isTotalLabel, LEVEL_FIELDS, type AggregateColumn, type MemberCount } from './aggregates';
import type { Dialect } from './detect';
import { normaliseLabel } from './labels';
import type { ColumnMapping } from './mapping';
import { matchIndicator } from './match';
import { readerProblem, type Problem } from './problems';
import { hierarchyOf } from './statcan';
import { readUnit, unitInHeader, type FileUnit } from './units';

/** A label of the file's indicator column and what it is matched to. */
export interface IndicatorLabel {
  label: string;
  rows: number;
  /** The catalogue indicator it means; null when unknown (the manager picks or describes one). */
  indicatorId: string | null;
  /** The label names a total (`TOTAL`, `Total, all …`): set aside unless the manager says otherwise. */
  total: boolean;
}

/** A unit named by the file's unit column, and what Vigie reads in it. */
export interface UnitCount {
  unit: string;
  rows: number;
  read: FileUnit | null;
}

/** What staging a file found, before anything changes. */
export interface StageResult {
  labels: IndicatorLabel[];
  /** Records the CSV reader itself refused (unclosed quote, ragged row), by record number (header = 1). */
  rejectedLines: Problem[];
  /** Columns holding totals beside their parts (Canada and its provinces, `TOTAL` and its rows). */
  aggregates: AggregateColumn[];
  /** The units of the file's unit column (Statistics Canada's `UOM`). */
  units: UnitCount[];
  /** The unit the value column's header (or a workbook's titles) names: `Montant (k$)`. */
  headerUnit: FileUnit | null;
}

/** Where else a file says what its values are in: a workbook's title rows (« en milliers de dollars »). */
export interface StageHints {
  titles?: readonly string[];
  /** Columns whose cells a workbook formats as percentages. */
  percentColumns?: readonly number[];
}

/** Reads a registered file into the engine's working tables and matches its indicators to the catalogue. */
export async function stageImport(
  db: Connector,
  file: string,
  header: readonly string[],
  dialect: Dialect,
  mapping: ColumnMapping,
  hints: StageHints = {}
): Promise<StageResult> {
  for (const q of cleanupQueries()) await db.query(q);
  await db.query(readRawQuery(file, header.length, dialect));
  const rejects = await db.query<{ line: number; column_name: string | null; error_type: string }>(rejectsQuery());
  if (mapping.layout === 'wide') for (const q of periodNamesQueries(mapping, header)) await db.query(q);
  for (const q of rowsQueries(mapping)) await db.query(q);
  const catalogue = await db.query<Indicator>(indicatorsQuery());
  const raw = await db.query<{ label: string | null; n: number }>(indicatorLabelsQuery());
  const units = mapping.columns.unit !== undefined ? await db.query<{ unit: string; rows: number }>(unitCountsQuery()) : [];
  return {
    labels: raw.map((r) => ({
      label: r.label ?? '',
      rows: r.n,
      indicatorId: r.label ? matchIndicator(r.label, catalogue) : null,
      total: !!r.label && isTotalLabel(r.label)
    })),
    rejectedLines: rejects.map((r) => ({
      line: r.line,
      column: r.column_name ? (header[Number(r.column_name.slice(1))] ?? null) : null,
      code: readerProblem(r.error_type),
      text: null
    })),
    aggregates: await aggregatesOf(db, header, mapping),
    units: units.map((u) => ({ ...u, read: readUnit(u.unit) })),
    headerUnit: headerUnitOf(header, mapping, hints)
  };
}

/** The mapped dimensions holding a total beside its parts. */
async function aggregatesOf(db: Connector, header: readonly string[], mapping: ColumnMapping): Promise<AggregateColumn[]> {
  const fields = LEVEL_FIELDS.filter((f) => mapping.columns[f] !== undefined);
  if (!fields.length) return [];
  const counts = await db.query<{ field: string; member: string; rows: number }>(memberCountsQuery(fields));
  const out: AggregateColumn[] = [];
  for (const field of fields) {
    const column = mapping.columns[field]!;
    const members: MemberCount[] = counts.filter((c) => c.field === field);
    // Statistics Canada's exports may give a dimension's hierarchy in a column of its own.
    const pathColumn = header.findIndex((h) => hierarchyOf(h) === normaliseLabel(header[column] ?? ''));
    if (pathColumn >= 0) {
      const paths = new Map(
        (await db.query<{ member: string; path: string | null }>(hierarchyQuery(column, pathColumn))).map((p) => [
          p.member,
          p.path
        ])
      );
      for (const m of members) m.path = paths.get(m.member) ?? null;
    }
    const totals = aggregateMembers(members);
    if (!totals.length) continue;
    const named = new Set(totals.map((t) => t.member));
    const parts = members.filter((m) => !named.has(m.member));
    out.push({
      field,
      column: header[column] ?? '',
      totals,
      parts: parts.length,
      partRows: parts.reduce((n, m) => n + m.rows, 0)
    });
  }
  return out;
}

/** The unit the value column's header names, or failing that the file's title rows. */
function headerUnitOf(header: readonly string[], mapping: ColumnMapping, hints: StageHints): FileUnit | null {
  const value = mapping.columns.value;
  const fromHeader = mapping.layout !== 'wide' && value !== undefined ? unitInHeader(header[value] ?? '') : null;
  if (fromHeader) return fromHeader;
  const valueColumns = mapping.layout === 'wide' ? mapping.periodColumns : value !== undefined ? [value] : [];
  const percent = hints.percentColumns ?? [];
  if (valueColumns.length && valueColumns.every((c) => percent.includes(c))) return { kind: 'percent', scale: 1 };
  for (const t of hints.titles ?? []) {
    const u = unitInHeader(t);
    if (u) return u;
  }
  return null;
}
