import type { SqlQuery } from '$lib/db/types';
import type { Dialect } from '$lib/import/detect';
import type { ColumnMapping, Field } from '$lib/import/mapping';
import { ident, literal } from './sql';

/** The columns of a file are read as `c0, c1, …`: the file's header text never enters SQL. */
const col = (i: number) => ident(`c${i}`);

const DELIM_SQL: Record<Dialect['delimiter'], string> = { ',': "','", ';': "';'", '|': "'|'", '\t': "'\\t'" };

/**
 * Reads the registered file into `import_raw` (every cell text; the table's `rowid` is the record's order,
 * so no window is computed over a million rows) with DuckDB's CSV reader; malformed records (unclosed
 * quote, ragged row) go to `import_rejects` with their line.
 */
export function readRawQuery(file: string, columnCount: number, dialect: Dialect): SqlQuery {
  const columns = Array.from({ length: columnCount }, (_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_raw AS
SELECT * FROM read_csv(${literal(file)}, header = false, skip = 1, auto_detect = false, columns = {${columns}},
  delim = ${DELIM_SQL[dialect.delimiter]}, quote = '"', escape = '"',
  store_rejects = true, rejects_table = 'import_rejects', rejects_scan = 'import_scan')`
  };
}

/** Malformed records found by the reader: line (header = 1), column position, kind. */
export function rejectsQuery(): SqlQuery {
  return {
    sql: `SELECT CAST(line AS INTEGER) AS line, column_name, error_type FROM import_rejects ORDER BY line`
  };
}

/**
 * One canonical row per value, `rec` = record number (1 = first after the header): the mapping applied
 * (a view over `import_raw`, nothing copied) or, for a wide file, the unpivoted cells (a table).
 */
export function rowsQueries(mapping: ColumnMapping): SqlQuery[] {
  // A CAST, because a bare NULL column would be typed INTEGER.
  const field = (f: Field) => (mapping.columns[f] !== undefined ? col(mapping.columns[f]!) : 'CAST(NULL AS VARCHAR)');
  const indicator = mapping.columns.indicator !== undefined ? field('indicator') : 'CAST(? AS VARCHAR)';
  const params = mapping.columns.indicator !== undefined ? [] : [mapping.indicatorConstant];
  const dims = `${field('region')} AS region, ${field('country')} AS country, ${field('discipline')} AS discipline,
  ${field('program')} AS program, ${field('note')} AS note, ${field('source')} AS source, ${field('unit')} AS unit,
  ${field('scalar')} AS scalar, ${field('status')} AS status`;
  if (mapping.layout === 'wide') {
    // UNPIVOT names each new row by the column it came from (c7); `import_period_names` maps it back
    // to the header text (the period), which is bound as a parameter, never pasted.
    return [
      {
        sql: `CREATE OR REPLACE TEMP TABLE import_unpivoted AS
SELECT u.rec, vigie_trim(${indicator}) AS indicator_raw, vigie_trim(n.period) AS period, u.value_text, u.source_column, ${dims}
FROM (UNPIVOT (SELECT CAST(rowid + 1 AS INTEGER) AS rec, * FROM import_raw)
  ON ${mapping.periodColumns.map(col).join(', ')} INTO NAME source_column VALUE value_text) u
JOIN import_period_names n ON n.source_column = u.source_column`,
        params
      },
      { sql: 'CREATE OR REPLACE TEMP VIEW import_rows AS SELECT * FROM import_unpivoted' }
    ];
  }
  // A view cannot hold a parameter: the constant indicator (a file without that column) goes in a table.
  const constant = mapping.columns.indicator === undefined;
  return [
    ...(constant
      ? [{ sql: 'CREATE OR REPLACE TEMP TABLE import_constant AS SELECT CAST(? AS VARCHAR) AS indicator', params }]
      : []),
    {
      sql: `CREATE OR REPLACE TEMP VIEW import_rows AS
SELECT CAST(rowid + 1 AS INTEGER) AS rec, vigie_trim(${constant ? '(SELECT indicator FROM import_constant)' : indicator}) AS indicator_raw,
  vigie_trim(${field('period')}) AS period, ${field('value')} AS value_text, CAST(NULL AS VARCHAR) AS source_column, ${dims}
FROM import_raw`
    }
  ];
}

/** The header text of each period column of a wide file, bound as values. */
export function periodNamesQueries(mapping: ColumnMapping, header: readonly string[]): SqlQuery[] {
  return [
    { sql: 'CREATE OR REPLACE TEMP TABLE import_period_names (source_column VARCHAR, period VARCHAR)' },
    ...mapping.periodColumns.map((i) => ({
      sql: 'INSERT INTO import_period_names VALUES (?, ?)',
      params: [`c${i}`, header[i] ?? '']
    }))
  ];
}

/** The distinct indicator labels of the file, with their row counts, for catalogue matching. */
export function indicatorLabelsQuery(): SqlQuery {
  return { sql: `SELECT indicator_raw AS label, CAST(count(*) AS INTEGER) AS n FROM import_rows GROUP BY 1 ORDER BY 2 DESC, 1` };
}

/** The manager's decisions: file label → catalogue indicator (null = not loaded). */
export function indicatorMapQueries(map: Record<string, string | null>): SqlQuery[] {
  return [
    { sql: 'CREATE OR REPLACE TEMP TABLE import_indicator_map (label VARCHAR, indicator_id VARCHAR)' },
    ...Object.entries(map).map(([label, id]) => ({ sql: 'INSERT INTO import_indicator_map VALUES (?, ?)', params: [label, id] }))
  ];
}

/**
 * Each distinct period of the file, normalised once: a million rows name a few dozen periods, and the
 * period macros (regular expressions) are the costliest part of a row's check.
 */
export function periodsQuery(): SqlQuery {
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_periods AS
SELECT period, vigie_granularity(period) AS granularity, vigie_period_start(period) AS period_start,
  vigie_period_end(period) AS period_end
FROM (SELECT DISTINCT period FROM import_rows WHERE period IS NOT NULL)`
  };
}

/** The cell as a number: a plain number is cast directly; only other texts go through `vigie_number`. */
const VALUE = `CASE WHEN fast IS NOT NULL THEN fast WHEN value_text IS NOT NULL THEN vigie_number(value_text, ?) END`;
/** Why a value is not there (StatCan's STATUS first); never asked of a cell that is a plain number. */
const MISSING = (withStatus: boolean) =>
  `${withStatus ? `coalesce(CASE WHEN trim(coalesce(status, '')) IN ('..', '...', 'x', 'X', 'F') THEN vigie_missing(status) END, ` : '('}
    CASE WHEN fast IS NULL THEN vigie_missing(value_text) END)`;

/**
 * Every row with its value read (decimal mark, scale), its period normalised, its indicator matched, and
 * the first reason it cannot be loaded. Duplicates are marked after, by `duplicateQuery`.
 */
export function checkQuery(decimal: Dialect['decimal'], mapping: ColumnMapping): SqlQuery {
  const scaled = mapping.columns.scalar !== undefined ? ' * vigie_scale(scalar)' : '';
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_checked AS
WITH r AS (
  SELECT r.* EXCLUDE (country), upper(r.country) AS country, TRY_CAST(r.value_text AS DOUBLE) AS fast,
    m.indicator_id, i.unit AS catalogue_unit, p.granularity, p.period_start, p.period_end
  FROM import_rows r
  LEFT JOIN import_indicator_map m ON m.label = r.indicator_raw
  LEFT JOIN (SELECT indicator_id, any_value(unit) AS unit FROM indicators GROUP BY 1) i ON i.indicator_id = m.indicator_id
  LEFT JOIN import_periods p ON p.period = r.period
),
v AS (SELECT r.* EXCLUDE (fast), ${MISSING(mapping.columns.status !== undefined)} AS missing, (${VALUE})${scaled} AS value FROM r)
-- Only what loading, the report and the preview read: the file's own text stays in import_rows.
SELECT rec, source_column, indicator_id, period, granularity, period_start, period_end, region, country, discipline,
  program, note, source, missing, value,
  CASE
    WHEN indicator_raw IS NULL AND indicator_id IS NULL THEN 'indicator_missing'
    WHEN indicator_id IS NULL THEN 'indicator_unknown'
    WHEN period IS NULL THEN 'period_missing'
    WHEN granularity IS NULL THEN 'period_invalid'
    WHEN missing IS NULL AND value IS NULL THEN 'value_nan'
    WHEN value < 0 AND catalogue_unit = 'count' THEN 'value_negative'
  END AS problem
FROM v`,
    params: [decimal]
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
    sql: `UPDATE import_checked SET problem = 'duplicate_in_file' WHERE rowid IN (
  SELECT id FROM (
    SELECT rowid AS id, row_number() OVER (PARTITION BY ${KEY} ORDER BY rec, source_column) AS k
    FROM import_checked
    WHERE problem IS NULL AND hash(${KEY}) IN (
      SELECT hash(${KEY}) FROM import_checked WHERE problem IS NULL GROUP BY 1 HAVING count(*) > 1)
  ) WHERE k > 1)`
  };
}

/** The problems found, first ones first, with the text of the offending cell (from the file's rows). */
export function problemsQuery(limit: number): SqlQuery {
  return {
    sql: `SELECT c.rec, c.problem, c.source_column,
  CASE WHEN c.problem LIKE 'indicator%' THEN r.indicator_raw WHEN c.problem LIKE 'period%' THEN r.period ELSE r.value_text END AS text
FROM (SELECT rec, problem, source_column FROM import_checked WHERE problem IS NOT NULL ORDER BY rec, source_column LIMIT ?) c
JOIN import_rows r ON r.rec = c.rec AND r.source_column IS NOT DISTINCT FROM c.source_column
ORDER BY c.rec, c.source_column`,
    params: [limit]
  };
}

/** How many rows each problem affects, and how many rows are fine. */
export function problemCountsQuery(): SqlQuery {
  return { sql: `SELECT coalesce(problem, 'ok') AS problem, CAST(count(*) AS INTEGER) AS n FROM import_checked GROUP BY 1` };
}

/** The file's original cells of every refused row, with the reason, for the "rejected rows" download. */
export function rejectedRowsQuery(): SqlQuery {
  return {
    sql: `SELECT p.rec, r.*, p.problem FROM import_raw r
JOIN (SELECT rec, min(problem) AS problem FROM import_checked WHERE problem IS NOT NULL GROUP BY rec) p ON p.rec = r.rowid + 1
ORDER BY p.rec`
  };
}

/** The raw text of the records the reader itself refused (unclosed quote, ragged row). */
export function rejectedLinesQuery(): SqlQuery {
  return {
    sql: `SELECT CAST(e.line AS INTEGER) AS line, e.error_type, e.csv_line FROM import_rejects e ORDER BY e.line`
  };
}

/** Drops the import's working tables. */
export function cleanupQueries(): SqlQuery[] {
  const tables = [
    'import_raw',
    'import_unpivoted',
    'import_constant',
    'import_checked',
    'import_periods',
    'import_existing',
    'import_commit',
    'import_indicator_map',
    'import_period_names',
    'import_rejects',
    'import_scan'
  ];
  const views = ['import_rows', 'import_accepted'].map((v) => ({ sql: `DROP VIEW IF EXISTS ${v}` }));
  return [...views, ...tables.map((t) => ({ sql: `DROP TABLE IF EXISTS ${t}` }))];
}

/**
 * The affected indicator as it would look after loading: what stays of the current data, and what the
 * file adds, per period. Sample rows are left out: real data replaces them.
 */
export function previewQuery(indicatorId: string, mode: 'append' | 'replace'): SqlQuery {
  const hidden =
    mode === 'replace'
      ? `AND NOT EXISTS (SELECT 1 FROM import_checked c WHERE c.problem IS NULL AND c.indicator_id = o.indicator_id
    AND c.period_start = o.period_start AND c.granularity = o.granularity)`
      : '';
  return {
    sql: `WITH parts AS (
  SELECT 'current' AS part, o.period, o.period_start, o.period_end, o.granularity, o.value
  FROM observations o WHERE o.indicator_id = ? AND NOT o.is_sample ${hidden}
  UNION ALL
  SELECT 'new', c.period, c.period_start, vigie_period_end(c.period), c.granularity, c.value
  FROM import_checked c WHERE c.problem IS NULL AND c.indicator_id = ?
)
SELECT part, ? AS indicator_id, period, strftime(period_start, '%Y-%m-%d') AS start, strftime(period_end, '%Y-%m-%d') AS "end",
  granularity, sum(value) AS value, false AS sample, NULL AS note, NULL AS source
FROM parts GROUP BY ALL ORDER BY start`,
    params: [indicatorId, indicatorId, indicatorId]
  };
}
