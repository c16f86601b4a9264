import type { SqlQuery } from '$lib/db/types';
import type { Dialect } from '$lib/import/detect';
import type { ColumnMapping, Field } from '$lib/import/mapping';
import { ident, literal } from './sql';

/** The columns of a file are read as `c0, c1, …`: the file's header text never enters SQL. */
const col = (i: number) => ident(`c${i}`);

const DELIM_SQL: Record<Dialect['delimiter'], string> = { ',': "','", ';': "';'", '|': "'|'", '\t': "'\\t'" };

/**
 * Reads the registered file into `import_raw` (every cell text, `rec` = record order) with DuckDB's CSV
 * reader; malformed records (unclosed quote, ragged row) go to `import_rejects` with their line.
 */
export function readRawQuery(file: string, columnCount: number, dialect: Dialect): SqlQuery {
  const columns = Array.from({ length: columnCount }, (_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_raw AS
SELECT CAST(row_number() OVER () AS INTEGER) AS rec, *
FROM read_csv(${literal(file)}, header = false, skip = 1, auto_detect = false, columns = {${columns}},
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

/** One canonical row per value: the mapping applied (and a wide file unpivoted). */
export function rowsQuery(mapping: ColumnMapping): SqlQuery {
  // A CAST, because a bare NULL column would be typed INTEGER by CREATE TABLE AS.
  const field = (f: Field) => (mapping.columns[f] !== undefined ? col(mapping.columns[f]!) : 'CAST(NULL AS VARCHAR)');
  const indicator = mapping.columns.indicator !== undefined ? field('indicator') : 'CAST(? AS VARCHAR)';
  const params = mapping.columns.indicator !== undefined ? [] : [mapping.indicatorConstant];
  const dims = `${field('region')} AS region, ${field('country')} AS country, ${field('discipline')} AS discipline,
  ${field('program')} AS program, ${field('note')} AS note, ${field('source')} AS source, ${field('unit')} AS unit,
  ${field('scalar')} AS scalar, ${field('status')} AS status`;
  if (mapping.layout === 'wide') {
    // UNPIVOT names each new row by the column it came from (c7); `import_period_names` maps it back
    // to the header text (the period), which is bound as a parameter, never pasted.
    return {
      sql: `CREATE OR REPLACE TEMP TABLE import_rows AS
SELECT u.rec, trim(${indicator}) AS indicator_raw, trim(n.period) AS period, u.value_text, u.source_column, ${dims}
FROM (UNPIVOT import_raw ON ${mapping.periodColumns.map(col).join(', ')} INTO NAME source_column VALUE value_text) u
JOIN import_period_names n ON n.source_column = u.source_column`,
      params
    };
  }
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_rows AS
SELECT rec, trim(${indicator}) AS indicator_raw, trim(${field('period')}) AS period, ${field('value')} AS value_text,
  CAST(NULL AS VARCHAR) AS source_column, ${dims}
FROM import_raw`,
    params
  };
}

/** The header text of each period column of a wide file, bound as values. */
export function periodNamesQueries(mapping: ColumnMapping, header: readonly string[]): SqlQuery[] {
  return [
    { sql: 'CREATE OR REPLACE TEMP TABLE import_period_names (source_column VARCHAR, period VARCHAR)' },
    ...mapping.periodColumns.map((i) => ({ sql: 'INSERT INTO import_period_names VALUES (?, ?)', params: [`c${i}`, header[i] ?? ''] }))
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
 * Every row with its value read (decimal mark, scale), its period normalised, its indicator matched, and
 * each reason it cannot be loaded. The key (indicator, period, dimensions) finds duplicates in the file.
 */
export function checkQuery(decimal: Dialect['decimal']): SqlQuery {
  return {
    sql: `CREATE OR REPLACE TEMP TABLE import_checked AS
WITH r AS (
  SELECT r.*, m.indicator_id, i.unit AS catalogue_unit,
    vigie_granularity(r.period) AS granularity, vigie_period_start(r.period) AS period_start,
    coalesce(CASE WHEN trim(coalesce(r.status, '')) IN ('..', '...', 'x', 'X', 'F') THEN vigie_missing(r.status) END,
             vigie_missing(r.value_text)) AS missing,
    vigie_number(r.value_text, ?) * vigie_scale(r.scalar) AS value
  FROM import_rows r
  LEFT JOIN import_indicator_map m ON m.label = r.indicator_raw
  LEFT JOIN indicators i ON i.indicator_id = m.indicator_id
)
SELECT *,
  CASE
    WHEN indicator_raw IS NULL AND indicator_id IS NULL THEN 'indicator_missing'
    WHEN indicator_id IS NULL THEN 'indicator_unknown'
    WHEN period IS NULL THEN 'period_missing'
    WHEN granularity IS NULL THEN 'period_invalid'
    WHEN missing IS NULL AND value IS NULL THEN 'value_nan'
    WHEN value < 0 AND catalogue_unit = 'count' THEN 'value_negative'
    -- Every row after the first of its key (one window: a second row implies a count above one).
    WHEN row_number() OVER (PARTITION BY indicator_id, period_start, granularity, region, country, discipline, program ORDER BY rec) > 1
      THEN 'duplicate_in_file'
  END AS problem
FROM r`,
    params: [decimal]
  };
}

/** The problems found, first ones first, with the text of the offending cell. */
export function problemsQuery(limit: number): SqlQuery {
  return {
    sql: `SELECT rec, problem, source_column,
  CASE WHEN problem LIKE 'indicator%' THEN indicator_raw WHEN problem LIKE 'period%' THEN period ELSE value_text END AS text
FROM import_checked WHERE problem IS NOT NULL ORDER BY rec, source_column LIMIT ?`,
    params: [limit]
  };
}

/** How many rows each problem affects, and how many rows are fine. */
export function problemCountsQuery(): SqlQuery {
  return { sql: `SELECT coalesce(problem, 'ok') AS problem, CAST(count(*) AS INTEGER) AS n FROM import_checked GROUP BY 1` };
}

/** Rows of the file that would overlap data already loaded (same indicator, period and dimensions). */
export function overlapQuery(): SqlQuery {
  return {
    // A semi join, not a correlated EXISTS: DuckDB plans it as one hash join (3× faster on 1 M rows).
    sql: `SELECT c.indicator_id, CAST(count(*) AS INTEGER) AS n, min(c.period) AS first, max(c.period) AS last
FROM import_checked c
SEMI JOIN (SELECT * FROM observations WHERE NOT is_sample) o
  ON o.indicator_id = c.indicator_id AND o.period_start = c.period_start AND o.granularity = c.granularity
    AND o.region IS NOT DISTINCT FROM c.region AND o.country IS NOT DISTINCT FROM upper(c.country)
    AND o.discipline IS NOT DISTINCT FROM c.discipline AND o.program IS NOT DISTINCT FROM c.program
WHERE c.problem IS NULL
GROUP BY 1 ORDER BY 1`
  };
}

/** Words stored in the note of a value that is not there, so a table says why it is empty. */
const MISSING_NOTE = `CASE c.missing WHEN 'suppressed' THEN 'x : confidentiel' WHEN 'unreliable' THEN 'F : trop peu fiable'
    WHEN 'not_available' THEN 'non disponible' END`;

/**
 * Copies the accepted rows into the observations, as canonical text. In "append" mode rows that
 * overlap data already loaded are left out (they would be duplicates); in "replace" mode they go in and
 * the dataset's meta hides the older rows.
 */
export function commitRowsQuery(dataset: string, defaultSource: string, mode: 'append' | 'replace'): SqlQuery {
  return {
    sql: `INSERT INTO raw_observations
SELECT ?, CAST(c.rec + 1 AS INTEGER), c.indicator_id, c.period, CAST(c.value AS VARCHAR), c.region, upper(c.country),
  c.discipline, c.program, coalesce(c.note, ${MISSING_NOTE}), coalesce(c.source, ?)
FROM import_checked c
WHERE c.problem IS NULL ${mode === 'append' ? `AND NOT EXISTS (
  SELECT 1 FROM observations o
  WHERE o.indicator_id = c.indicator_id AND o.period_start = c.period_start AND o.granularity = c.granularity
    AND o.region IS NOT DISTINCT FROM c.region AND o.country IS NOT DISTINCT FROM upper(c.country)
    AND o.discipline IS NOT DISTINCT FROM c.discipline AND o.program IS NOT DISTINCT FROM c.program AND NOT o.is_sample)` : ''}
ORDER BY c.rec, c.source_column`,
    params: [dataset, defaultSource]
  };
}

/** Writes a dataset's rows as a canonical CSV file inside the engine, to be read back and kept. */
export function exportDatasetQueries(dataset: string, file: string): SqlQuery[] {
  // Straight from the rows, without a temporary copy of them (a million rows of memory). The dataset's
  // name is the app's own (`imports/<slug>-<time>.csv`), quoted: COPY takes no bound parameter.
  return [
    {
      sql: `COPY (SELECT indicator_id, period, value, region, country, discipline, program, note, source
FROM raw_observations WHERE dataset = ${literal(dataset)} ORDER BY line) TO ${literal(file)} (FORMAT csv, HEADER true, DELIMITER ',')`
    }
  ];
}

/** The file's original cells of every refused row, with the reason, for the "rejected rows" download. */
export function rejectedRowsQuery(): SqlQuery {
  return {
    sql: `SELECT r.*, p.problem FROM import_raw r
JOIN (SELECT rec, min(problem) AS problem FROM import_checked WHERE problem IS NOT NULL GROUP BY rec) p USING (rec)
ORDER BY rec`
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
  return ['import_raw', 'import_rows', 'import_checked', 'import_indicator_map', 'import_period_names', 'import_export', 'import_rejects', 'import_scan'].map((t) => ({
    sql: `DROP TABLE IF EXISTS ${t}`
  }));
}

/** A catalogue row for an indicator the manager described during an import. */
export interface NewIndicator {
  indicator_id: string;
  axis: string;
  name_fr: string;
  name_en: string;
  unit: string;
}

/** Adds a described indicator to the catalogue, as a dataset of its own (removed with its import). */
export function insertIndicatorQuery(dataset: string, ind: NewIndicator): SqlQuery {
  return {
    sql: `INSERT INTO raw_indicators (dataset, line, indicator_id, axis, name_fr, name_en, unit, direction, source, measure)
VALUES (?, 2, ?, ?, ?, ?, ?, 'up', ?, 'flow')`,
    params: [dataset, ind.indicator_id, ind.axis, ind.name_fr, ind.name_en, ind.unit, dataset]
  };
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
