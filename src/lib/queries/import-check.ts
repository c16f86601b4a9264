import type { SqlQuery } from '$lib/db/types';
import type { Level, LevelField } from '$lib/import/aggregates';
import type { Dialect } from '$lib/import/detect';
import type { ColumnMapping } from '$lib/import/mapping';
import type { FileUnit } from '$lib/import/units';
import { ident } from './sql';

/** What the check needs besides the mapping: the decimal mark, the levels chosen, a unit every row shares. */
export interface CheckOptions {
  decimal: Dialect['decimal'];
  mapping: ColumnMapping;
  /** For each column holding totals and their parts (`import_aggregates`), the level loaded. */
  levels: Partial<Record<LevelField, Level>>;
  /** The unit the header (or a workbook's title) names, for rows without a unit column. */
  headerUnit: FileUnit | null;
}

/** The cell as a number: a plain number is cast directly; only other texts go through `vigie_number`. */
const VALUE = `CASE WHEN fast IS NOT NULL THEN fast WHEN value_text IS NOT NULL THEN vigie_number(value_text, ?) END`;
/** Why a value is not there (StatCan's STATUS first); never asked of a cell that is a plain number. */
const MISSING = (withStatus: boolean) =>
  `${withStatus ? `coalesce(CASE WHEN trim(coalesce(status, '')) IN ('..', '...', 'x', 'X', 'F') THEN vigie_missing(status) END, ` : '('}
    CASE WHEN fast IS NULL THEN vigie_missing(value_text) END)`;
/** Excel's formula errors, kept as text by an export: a located problem, not "not a number". */
const FORMULA_ERROR = `regexp_full_match(trim(value_text), '#(REF!|DIV/0!|N/A|VALUE!|NAME\\?|NUM!|NULL!|SPILL!|CALC!)')`;
/** Text fields whose first character a spreadsheet would take for a formula. */
const TEXT_FIELDS = ['indicator_raw', 'region', 'country', 'discipline', 'program', 'note', 'source'] as const;

/**
 * Every row with its value read (decimal mark, scale), its period normalised, its indicator matched,
 * and each reason it cannot be loaded — several per row, so that an unknown indicator no longer hides a
 * bad period or value — or why it is set aside (an indicator the manager skipped, a total or its parts
 * not at the chosen level). Duplicates are marked after, by `duplicateQuery`.
 */
export function checkQuery(options: CheckOptions): SqlQuery {
  const { mapping, levels, headerUnit } = options;
  const scale =
    mapping.columns.scalar !== undefined ? 'vigie_scale(scalar)' : `coalesce(unit_scale, ${Number(headerUnit?.scale ?? 1)})`;
  const fields = Object.keys(levels) as LevelField[];
  const member = (f: LevelField, top: boolean) =>
    `${ident(f)} IN (SELECT member FROM import_aggregates WHERE field = '${f}'${top ? ' AND top' : ''})`;
  // A total kept is loaded without its member's name: it is every region (discipline …), not one more.
  const kept = (f: LevelField) =>
    levels[f] === 'total' ? `CASE WHEN ${member(f, true)} THEN NULL ELSE ${ident(f)} END` : ident(f);
  const aside = fields
    .map((f) =>
      levels[f] === 'total'
        ? `WHEN ${ident(f)} IS NOT NULL AND NOT (${member(f, true)}) THEN 'aside_parts'`
        : `WHEN ${member(f, false)} THEN 'aside_total'`
    )
    .join('\n    ');
  const text = (f: (typeof TEXT_FIELDS)[number]) =>
    `regexp_matches(${f}, '^[=+\\-@\\t\\r]') AND NOT regexp_full_match(${f}, '-\\s*')`;
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_checked AS
WITH r AS (
  SELECT r.* EXCLUDE (country, period), upper(r.country) AS country, r.period AS period_raw,
    TRY_CAST(r.value_text AS DOUBLE) AS fast, m.indicator_id AS mapped, k.kind AS catalogue_kind,
    p.canonical AS period, p.granularity, p.period_start, p.period_end, u.scale AS unit_scale,
    coalesce(u.kind, CAST(? AS VARCHAR),
      CASE WHEN contains(r.value_text, '$') THEN 'CAD' WHEN contains(r.value_text, '%') THEN 'percent' END) AS file_kind
  FROM import_rows r
  LEFT JOIN import_indicator_map m ON m.label = r.indicator_raw
  LEFT JOIN import_indicator_units k ON k.indicator_id = m.indicator_id
  LEFT JOIN import_units u ON u.unit = r.unit
  LEFT JOIN import_periods p ON p.period = r.period
),
v AS (
  SELECT r.* EXCLUDE (fast), ${MISSING(mapping.columns.status !== undefined)} AS missing, (${VALUE}) * ${scale} AS value,
    CASE WHEN mapped = '' THEN 'aside_indicator'
    ${aside}
    END AS aside
  FROM r
),
p AS (
  SELECT *,
    CASE WHEN aside IS NULL THEN CASE WHEN indicator_raw IS NULL AND mapped IS NULL THEN 'indicator_missing'
      WHEN mapped IS NULL THEN 'indicator_unknown' END END AS p_indicator,
    CASE WHEN aside IS NULL THEN CASE WHEN period_raw IS NULL THEN 'period_missing' WHEN granularity IS NULL THEN 'period_invalid' END END AS p_period,
    CASE WHEN aside IS NULL THEN CASE
      WHEN missing IS NULL AND value IS NULL THEN CASE WHEN ${FORMULA_ERROR} THEN 'formula_error' ELSE 'value_nan' END
      WHEN value < 0 AND (catalogue_kind = 'count' OR (mapped IS NULL AND coalesce(file_kind, 'count') = 'count')) THEN 'value_negative'
    END END AS p_value,
    CASE WHEN aside IS NULL AND file_kind IS NOT NULL AND catalogue_kind IS NOT NULL AND file_kind <> catalogue_kind
      THEN 'unit_mismatch' END AS p_unit
  FROM v
)
-- Only what loading, the report and the preview read: the file's own text stays in import_rows.
SELECT rec, source_column, nullif(mapped, '') AS indicator_id, period, granularity, period_start, period_end,
  ${['region', 'country', 'discipline', 'program'].map((f) => `${kept(f as LevelField)} AS ${f}`).join(', ')},
  note, source, missing, value, p_indicator, p_period, p_value, p_unit, CAST(NULL AS VARCHAR) AS p_duplicate,
  coalesce(aside, p_indicator, p_period, p_value, p_unit) AS problem,
  CASE ${TEXT_FIELDS.map((f) => `WHEN ${text(f)} THEN '${f}'`).join(' ')} END AS warn
FROM p`,
    params: [headerUnit?.kind ?? null, options.decimal]
  };
}

/** The key two rows of one file must not share: indicator, period and dimensions. */
const KEY = 'indicator_id, period_start, granularity, region, country, discipline, program';

/**
 * How many keys two loadable rows share, by a hash of the key (a one-column aggregate, where grouping a
 * million rows by seven text columns takes several times longer). A collision only costs `duplicateQuery`.
 */
export function duplicateCountQuery(): SqlQuery {
  return {
    sql: `SELECT CAST(count(*) AS INTEGER) AS n FROM (
  SELECT hash(${KEY}) AS h FROM import_checked WHERE problem IS NULL GROUP BY h HAVING count(*) > 1)`
  };
}

/** Marks every loadable row after the first of its key (in file order) as a duplicate. */
export function duplicateQuery(): SqlQuery {
  return {
    sql: `UPDATE import_checked SET problem = 'duplicate_in_file', p_duplicate = 'duplicate_in_file' WHERE rowid IN (
  SELECT id FROM (
    SELECT rowid AS id, row_number() OVER (PARTITION BY ${KEY} ORDER BY rec, source_column) AS k
    FROM import_checked
    WHERE problem IS NULL AND hash(${KEY}) IN (
      SELECT hash(${KEY}) FROM import_checked WHERE problem IS NULL GROUP BY 1 HAVING count(*) > 1)
  ) WHERE k > 1)`
  };
}

/** A column of a wide file (`c12`) in its order in the file, not as text (`c10` before `c2`). */
const COLUMN_ORDER = 'TRY_CAST(substr(source_column, 2) AS INTEGER)';

/**
 * The problems found, first rows first and, within a row, in the order of the file's columns, with the
 * text of the offending cell (from the file's rows). A row may have several.
 */
export function problemsQuery(limit: number): SqlQuery {
  return {
    sql: `WITH each AS (
  SELECT rec, source_column, code, field FROM (
    UNPIVOT (SELECT rec, source_column, p_indicator, p_period, p_value, p_unit, p_duplicate FROM import_checked
      WHERE problem IS NOT NULL AND NOT starts_with(problem, 'aside_'))
    ON p_indicator, p_period, p_value, p_unit, p_duplicate INTO NAME field VALUE code)
  ORDER BY rec, ${COLUMN_ORDER}, field LIMIT ?
)
SELECT e.rec, e.code AS problem, e.source_column,
  CASE e.field WHEN 'p_indicator' THEN r.indicator_raw WHEN 'p_period' THEN r.period
    WHEN 'p_unit' THEN coalesce(r.unit, r.value_text) ELSE r.value_text END AS text
FROM each e JOIN import_rows r ON r.rec = e.rec AND r.source_column IS NOT DISTINCT FROM e.source_column
ORDER BY e.rec, ${COLUMN_ORDER.replace('source_column', 'e.source_column')}, e.field`,
    params: [limit]
  };
}

/** How many times each problem occurs (a row may count under several). */
export function problemCountsQuery(): SqlQuery {
  return {
    sql: `SELECT code AS problem, CAST(count(*) AS INTEGER) AS n FROM (
  UNPIVOT (SELECT p_indicator, p_period, p_value, p_unit, p_duplicate FROM import_checked)
  ON p_indicator, p_period, p_value, p_unit, p_duplicate INTO NAME field VALUE code)
GROUP BY 1`
  };
}

/** The rows by outcome: loadable (and of those, without a figure), refused, and set aside by reason. */
export function outcomeCountsQuery(): SqlQuery {
  return {
    sql: `SELECT
  CAST(count(*) FILTER (WHERE problem IS NULL) AS INTEGER) AS accepted,
  CAST(count(*) FILTER (WHERE problem IS NULL AND value IS NULL) AS INTEGER) AS missing,
  CAST(count(*) FILTER (WHERE problem IS NOT NULL AND NOT starts_with(problem, 'aside_')) AS INTEGER) AS refused,
  CAST(count(*) FILTER (WHERE problem = 'aside_indicator') AS INTEGER) AS aside_indicator,
  CAST(count(*) FILTER (WHERE problem = 'aside_total') AS INTEGER) AS aside_total,
  CAST(count(*) FILTER (WHERE problem = 'aside_parts') AS INTEGER) AS aside_parts,
  CAST(count(*) FILTER (WHERE problem IS NULL AND warn IS NOT NULL) AS INTEGER) AS warnings
FROM import_checked`
  };
}

/** Loadable cells a spreadsheet would take for a formula (kept as text; downloads neutralise them). */
export function warningsQuery(limit: number): SqlQuery {
  return {
    sql: `SELECT c.rec, c.source_column, c.warn,
  CASE c.warn WHEN 'indicator_raw' THEN r.indicator_raw WHEN 'region' THEN r.region WHEN 'country' THEN r.country
    WHEN 'discipline' THEN r.discipline WHEN 'program' THEN r.program WHEN 'note' THEN r.note ELSE r.source END AS text
FROM (SELECT rec, source_column, warn FROM import_checked WHERE problem IS NULL AND warn IS NOT NULL
  ORDER BY rec, ${COLUMN_ORDER} LIMIT ?) c
JOIN import_rows r ON r.rec = c.rec AND r.source_column IS NOT DISTINCT FROM c.source_column
ORDER BY c.rec`,
    params: [limit]
  };
}
