import type { SqlQuery } from '$lib/db/types';
import type { Dialect } from '$lib/import/detect';
import type { ColumnMapping, Field } from '$lib/import/mapping';
import { CSV_BUFFER } from './datasets';
import { ident, literal, tableOfValues } from './sql';
import { withPeriodOf } from './period';

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
  delim = ${DELIM_SQL[dialect.delimiter]}, quote = '"', escape = '"', ${CSV_BUFFER},
  store_rejects = true, rejects_table = 'import_rejects', rejects_scan = 'import_scan')`
  };
}

/**
 * Malformed records found by the reader: line (header = 1), column position, kind; one per record (the
 * reader notes a row with two fields too many twice, and it is one row refused, not two).
 */
export function rejectsQuery(): SqlQuery {
  return {
    sql: `SELECT DISTINCT ON (line) CAST(line AS INTEGER) AS line, column_name, error_type FROM import_rejects
ORDER BY line, column_name NULLS LAST`
  };
}

/**
 * One canonical row per value, `rec` = record number (1 = first after the header): the mapping applied
 * (a view over `import_raw`, nothing copied) or, for a wide file, the unpivoted cells (a table).
 */
export function rowsQueries(mapping: ColumnMapping): SqlQuery[] {
  // A CAST, because a bare NULL column would be typed INTEGER.
  const field = (f: Field) => (mapping.columns[f] !== undefined ? col(mapping.columns[f]!) : 'CAST(NULL AS VARCHAR)');
  // A view cannot hold a parameter: what every row shares (a file of one indicator, or of one period
  // named in its file name) goes in a one-row table.
  const constants = {
    sql: 'CREATE OR REPLACE TEMP TABLE import_constant AS SELECT CAST(? AS VARCHAR) AS indicator, CAST(? AS VARCHAR) AS period',
    params: [mapping.indicatorConstant, mapping.periodConstant ?? null]
  };
  const indicator = mapping.columns.indicator !== undefined ? field('indicator') : '(SELECT indicator FROM import_constant)';
  const period = mapping.columns.period !== undefined ? field('period') : '(SELECT period FROM import_constant)';
  const dims = `${field('region')} AS region, ${field('country')} AS country, ${field('discipline')} AS discipline,
  ${field('program')} AS program, ${field('note')} AS note, ${field('source')} AS source, ${field('unit')} AS unit,
  ${field('scalar')} AS scalar, ${field('status')} AS status`;
  if (mapping.layout === 'wide') {
    // UNPIVOT names each new row by the column it came from (c7); `import_period_names` maps it back
    // to the header text (the period), which is bound as a parameter, never pasted.
    return [
      constants,
      {
        sql: `CREATE OR REPLACE TEMP TABLE import_unpivoted AS
SELECT u.rec, vigie_trim(${indicator}) AS indicator_raw, vigie_trim(n.period) AS period, u.value_text, u.source_column, ${dims}
FROM (UNPIVOT (SELECT CAST(rowid + 1 AS INTEGER) AS rec, * FROM import_raw)
  ON ${mapping.periodColumns.map(col).join(', ')} INTO NAME source_column VALUE value_text) u
JOIN import_period_names n ON n.source_column = u.source_column`
      },
      { sql: 'CREATE OR REPLACE TEMP VIEW import_rows AS SELECT * FROM import_unpivoted' }
    ];
  }
  return [
    constants,
    {
      sql: `CREATE OR REPLACE TEMP VIEW import_rows AS
SELECT CAST(rowid + 1 AS INTEGER) AS rec, vigie_trim(${indicator}) AS indicator_raw, vigie_trim(${period}) AS period,
  ${field('value')} AS value_text, CAST(NULL AS VARCHAR) AS source_column, ${dims}
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

/** The manager's decisions: file label → catalogue indicator (null = unknown, `''` = set aside). */
export function indicatorMapQueries(map: Record<string, string | null>): SqlQuery[] {
  return tableOfValues(
    'import_indicator_map',
    [
      ['label', 'VARCHAR'],
      ['indicator_id', 'VARCHAR']
    ],
    Object.entries(map)
  );
}

/**
 * Each distinct period of the file, normalised once: a million rows name a few dozen periods, and the
 * period macros (regular expressions) are the costliest part of a row's check. `fiscal`: 1 when the
 * column says it holds fiscal years (`2019-20`, `2019/2020` mean `2019-2020`), 2 for a Statistics
 * Canada table (`2019/2020` does), 0 otherwise.
 */
export function periodsQuery(fiscal: 0 | 1 | 2): SqlQuery {
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_periods AS
SELECT period, canonical, canonical_granularity AS granularity, canonical_start AS period_start, canonical_end AS period_end
FROM ${withPeriodOf('(SELECT period, vigie_fiscal(period, ?) AS canonical FROM (SELECT DISTINCT period FROM import_rows WHERE period IS NOT NULL))', 'canonical')}`,
    params: [fiscal]
  };
}

/** The file's original cells of every refused row, with its reasons (codes separated by spaces), for the "rejected rows" download. */
export function rejectedRowsQuery(): SqlQuery {
  return {
    sql: `SELECT p.rec, r.*, p.problem FROM import_raw r
JOIN (SELECT rec, string_agg(DISTINCT codes, ' ') AS problem FROM (
    SELECT rec, concat_ws(' ', p_indicator, p_period, p_value, p_unit, p_duplicate) AS codes FROM import_checked
    WHERE problem IS NOT NULL AND NOT starts_with(problem, 'aside_'))
  GROUP BY rec) p ON p.rec = r.rowid + 1
ORDER BY p.rec`
  };
}

/** The raw text of the records the reader itself refused (unclosed quote, ragged row), each once. */
export function rejectedLinesQuery(): SqlQuery {
  return {
    sql: `SELECT DISTINCT ON (e.line) CAST(e.line AS INTEGER) AS line, e.error_type, e.csv_line FROM import_rejects e
ORDER BY e.line, e.column_name NULLS LAST`
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
  SELECT 'new', c.period, c.period_start, c.period_end, c.granularity, c.value
  FROM import_checked c WHERE c.problem IS NULL AND c.indicator_id = ?
)
SELECT part, ? AS indicator_id, period, strftime(period_start, '%Y-%m-%d') AS start, strftime(period_end, '%Y-%m-%d') AS "end",
  granularity, sum(value) AS value, false AS sample, NULL AS note, NULL AS source
FROM parts GROUP BY ALL ORDER BY start`,
    params: [indicatorId, indicatorId, indicatorId]
  };
}
