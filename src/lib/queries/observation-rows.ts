import type { SqlQuery } from '$lib/db/types';
import { withPeriodOf } from './period';

// The observations as the engine holds them: their rows once, typed as read, and the view every query
// reads, which hides what real data or a "replace" file hides (see datasets.ts for the load's steps).

/** An observation's columns after the file it comes from, as loaded. */
const CELLS = `line INTEGER, indicator_id VARCHAR, period VARCHAR, value DOUBLE,
  region VARCHAR, country VARCHAR, discipline VARCHAR, program VARCHAR, note VARCHAR, source VARCHAR`;

/** The columns of an observation, in the order `observation_rows` and the views keep them. */
const OBSERVATION_COLUMNS = `dataset VARCHAR, ${CELLS}`;

/**
 * The observations of every file, typed as read (the cells trimmed, blank ones NULL): `value` the number
 * (spaces between digits allowed), `value_text` the cell when it is not one (a change of such a cell is
 * still seen by a comparison of versions), `country` in capitals. Nothing hidden: what real data or a
 * "replace" file hides is decided by the `observations` view.
 *
 * Each row names its file by number (`dataset_ids`), and the `observation_rows` view by name: until a
 * checkpoint compresses them, rows are held as they were inserted, and a file's name (longer than the
 * 12 bytes DuckDB keeps inline) took 16 bytes plus the name on every row.
 */
export const OBSERVATION_CELLS = `dataset_id INTEGER, ${CELLS}, value_text VARCHAR`;

/**
 * A file's rows typed on the way into `observation_cells`: `read` selects `dataset_id`, `line` and the
 * contract's columns as text (trimmed, blank ones NULL).
 */
export function typedObservations(read: string): string {
  return `SELECT dataset_id, line, indicator_id, period, number, region, upper(country), discipline, program, note, source,
  CASE WHEN number IS NULL THEN value END
FROM (SELECT *, TRY_CAST(replace(value, ' ', '') AS DOUBLE) AS number FROM (${read}))`;
}

/** The observations' table, the small tables `maskTables` fills, empty, and the views over them (a load's setup). */
export function observationViewQueries(): SqlQuery[] {
  const masks = [
    `observation_derived (${OBSERVATION_COLUMNS})`,
    'observation_periods (period VARCHAR, granularity VARCHAR, period_start DATE, period_end DATE)',
    'observation_real (indicator_id VARCHAR)',
    'observation_replaced (indicator_id VARCHAR, period_start DATE, granularity VARCHAR, seq INTEGER)'
  ].map((t) => ({ sql: `CREATE TABLE IF NOT EXISTS ${t}` }));
  return [
    { sql: 'CREATE TABLE IF NOT EXISTS dataset_ids (dataset VARCHAR, dataset_id INTEGER)' },
    { sql: `CREATE TABLE IF NOT EXISTS observation_cells (${OBSERVATION_CELLS})` },
    ...masks,
    ...observationViews
  ];
}

/**
 * The observations every query reads: views over the rows as loaded (`observation_rows`, and the new
 * agreements per year derived from the agreements), with each period's bounds and without the rows
 * something else hides. What is hidden is decided in small tables rebuilt after each change
 * (`maskTables`), so the rows are held once: a table of the visible rows beside them took a second
 * copy of a million rows and about a fifth of a load.
 */
const observationViews: SqlQuery[] = [
  {
    sql: `CREATE OR REPLACE VIEW observation_rows AS
SELECT d.dataset, c.* EXCLUDE (dataset_id) FROM observation_cells c JOIN dataset_ids d ON d.dataset_id = c.dataset_id`
  },
  {
    sql: `CREATE OR REPLACE VIEW observations_all AS
SELECT * EXCLUDE (value_text) FROM observation_rows WHERE indicator_id IS NOT NULL
UNION ALL SELECT * FROM observation_derived`
  },
  {
    // Real data for an indicator replaces its sample data; a dataset loaded in "replace" mode hides
    // earlier rows of the same indicator and period.
    sql: `CREATE OR REPLACE VIEW observations AS
SELECT t.*, p.granularity, p.period_start, p.period_end, coalesce(t.source, '') = 'sample' AS is_sample
FROM observations_all t
JOIN observation_periods p USING (period)
LEFT JOIN dataset_meta m USING (dataset)
LEFT JOIN observation_replaced r ON r.indicator_id = t.indicator_id AND r.period_start = p.period_start AND r.granularity = p.granularity
WHERE p.period_start IS NOT NULL
  AND NOT (coalesce(t.source, '') = 'sample' AND t.indicator_id IN (SELECT indicator_id FROM observation_real))
  AND (r.seq IS NULL OR r.seq <= coalesce(m.seq, 0))`
  }
];

/**
 * What the `observations` view needs besides the rows, each a pass over them that leaves a few rows:
 * the new agreements per year, each distinct period normalised once (a million rows name a few dozen),
 * the indicators with real data, and the latest "replace" dataset of each indicator and period.
 */
export function maskTables(): SqlQuery[] {
  return [
    {
      // One known only within an interval (2016/2020) stays an interval, never a made-up year.
      sql: `CREATE OR REPLACE TABLE observation_derived AS
SELECT first(dataset) AS dataset, CAST(NULL AS INTEGER) AS line, 'ententes_nouvelles' AS indicator_id,
  CASE WHEN signed_granularity = 'interval' THEN signed ELSE CAST(year(signed_start) AS VARCHAR) END AS period,
  CAST(count(*) AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS region, CAST(NULL AS VARCHAR) AS country,
  CAST(NULL AS VARCHAR) AS discipline, CAST(NULL AS VARCHAR) AS program, 'Dérivé de agreements.csv' AS note,
  first(source) AS source
FROM agreements WHERE signed_start IS NOT NULL
GROUP BY 4`
    },
    {
      sql: `CREATE OR REPLACE TABLE observation_periods AS
SELECT period, period_granularity AS granularity, period_start, period_end
FROM ${withPeriodOf('(SELECT DISTINCT period FROM observations_all)', 'period')}`
    },
    {
      sql: `CREATE OR REPLACE TABLE observation_real AS
SELECT DISTINCT indicator_id FROM observations_all WHERE coalesce(source, '') <> 'sample'`
    },
    {
      sql: `CREATE OR REPLACE TABLE observation_replaced AS
SELECT t.indicator_id, p.period_start, p.granularity, max(m.seq) AS seq
FROM observations_all t JOIN dataset_meta m ON m.dataset = t.dataset AND m.replaces LEFT JOIN observation_periods p USING (period)
GROUP BY ALL`
    }
  ];
}
