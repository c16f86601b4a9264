import type { SqlQuery } from '$lib/db/types';
import { literal } from './sql';

// Loading a checked file (`import_checked`, built by ./import.ts): which rows overlap data already
// loaded, which go in, and how they join the loaded rows.

/**
 * The rows already loaded (real data, not sample) at the periods of the file's loadable rows: the only
 * ones a row of the file can overlap, so the row-by-row comparison below reads a few, not all.
 */
export function existingQuery(dataset: string | null = null): SqlQuery {
  return {
    // Rows of a dataset loaded again under its name (a kept import, read again) are not "existing":
    // they are dropped with its earlier rows when it commits.
    sql: `CREATE OR REPLACE TEMP TABLE import_existing AS
SELECT o.indicator_id, o.period_start, o.granularity, o.region, o.country, o.discipline, o.program
FROM observations o
SEMI JOIN (SELECT DISTINCT indicator_id, period_start, granularity FROM import_checked WHERE problem IS NULL) k
  ON k.indicator_id = o.indicator_id AND k.period_start = o.period_start AND k.granularity = o.granularity
WHERE NOT o.is_sample AND o.dataset IS DISTINCT FROM ?`,
    params: [dataset]
  };
}

const SAME_ROW = `e.indicator_id = c.indicator_id AND e.period_start = c.period_start AND e.granularity = c.granularity
    AND e.region IS NOT DISTINCT FROM c.region AND e.country IS NOT DISTINCT FROM c.country
    AND e.discipline IS NOT DISTINCT FROM c.discipline AND e.program IS NOT DISTINCT FROM c.program`;

/** Rows of the file that would overlap data already loaded (same indicator, period and dimensions). */
export function overlapQuery(): SqlQuery {
  return {
    sql: `SELECT c.indicator_id, CAST(count(*) AS INTEGER) AS n, min(c.period) AS first, max(c.period) AS last
FROM import_checked c
SEMI JOIN import_existing e ON ${SAME_ROW}
WHERE c.problem IS NULL
GROUP BY 1 ORDER BY 1`
  };
}

/** Words stored in the note of a value that is not there, so a table says why it is empty. */
const MISSING_NOTE = `CASE c.missing WHEN 'suppressed' THEN 'x : confidentiel' WHEN 'unreliable' THEN 'F : trop peu fiable'
    WHEN 'not_available' THEN 'non disponible' END`;

/**
 * The rows to load, typed as the derived `observations` table holds them (the parameters are bound into
 * a table: a view cannot hold one). In "append" mode rows that overlap data already loaded
 * (`import_existing`) are left out (they would be duplicates); in "replace" mode they go in and the
 * dataset's meta hides the older rows.
 */
export function acceptedQueries(dataset: string, defaultSource: string, mode: 'append' | 'replace'): SqlQuery[] {
  return [
    {
      sql: 'CREATE OR REPLACE TEMP TABLE import_commit AS SELECT CAST(? AS VARCHAR) AS dataset, CAST(? AS VARCHAR) AS default_source',
      params: [dataset, defaultSource]
    },
    {
      // A view: nothing copied; the rows' insert reads it once.
      sql: `CREATE OR REPLACE TEMP VIEW import_accepted AS
SELECT p.dataset, CAST(c.rec + 1 AS INTEGER) AS line, c.indicator_id, c.period, c.value,
  c.region, c.country, c.discipline, c.program, coalesce(c.note, ${MISSING_NOTE}) AS note,
  coalesce(c.source, p.default_source) AS source
FROM import_checked c
CROSS JOIN import_commit p
${
  mode === 'append'
    ? `ANTI JOIN import_existing e ON ${SAME_ROW}
`
    : ''
}WHERE c.problem IS NULL`
    }
  ];
}

/**
 * Adds the accepted rows to the observations' rows (typed, as a load of the same file would), under the
 * dataset's number (`datasetIdQuery`, run before); answers `Count`.
 */
export function commitRowsQuery(): SqlQuery {
  return {
    sql: `INSERT INTO observation_cells
SELECT d.dataset_id, line, indicator_id, period, value, region, upper(country), discipline, program, note, source, NULL
FROM import_accepted a JOIN dataset_ids d ON d.dataset = a.dataset`
  };
}

/** Writes a dataset's rows as a canonical CSV file inside the engine, to be read back (a publish). */
export function exportDatasetQueries(dataset: string, file: string): SqlQuery[] {
  // Straight from the rows, without a temporary copy of them (a million rows of memory). The dataset's
  // name is the app's own (`imports/<slug>-<time>.csv`), quoted: COPY takes no bound parameter.
  return [
    {
      sql: `COPY (SELECT indicator_id, period, coalesce(CAST(value AS VARCHAR), value_text) AS value, region, country, discipline,
  program, note, source
FROM observation_rows WHERE dataset = ${literal(dataset)} ORDER BY line) TO ${literal(file)} (FORMAT csv, HEADER true, DELIMITER ',')`
    }
  ];
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
