import type { SqlQuery } from '$lib/db/types';
import { FILTER_DIMENSIONS } from './filters';
import { rollupTable, type SeriesPoint } from './observations';

/** Beyond this many rows an index in memory would cost more than it saves: the engine answers. */
export const INDEX_MAX_ROWS = 250_000;

/** What names a point (an indicator's period) and says how its rows combine. */
export interface PointFields {
  indicator_id: string;
  period: string;
  start: string;
  end: string;
  granularity: SeriesPoint['granularity'];
  year: number;
  /** Percent indicators average their rows; the others add them up. */
  mean: boolean;
}

/** A row an index in memory is built from: a point's partial sums for one combination of dimension values. */
export interface IndexRow extends PointFields {
  has_region: boolean;
  has_discipline: boolean;
  has_program: boolean;
  region: string | null;
  discipline: string | null;
  program: string | null;
  /** Only in an index by country. */
  country?: string | null;
  value_sum: number | null;
  value_count: number;
  sample: boolean;
  /**
   * The point's notes and sources, as a number naming the list (rows repeat a handful of lists), and
   * the list itself (an Arrow vector, as the connector hands lists over) on one row of each number
   * only, null on the others: reading a list costs a text decode per item on the page's main thread.
   */
  notes_id: number;
  notes: Iterable<string | null> | { toArray(): Iterable<string | null> } | null;
  sources_id: number;
  sources: Iterable<string | null> | { toArray(): Iterable<string | null> } | null;
}

const UNITS = `(SELECT indicator_id, any_value(unit) AS unit FROM indicators GROUP BY indicator_id)`;

/**
 * The rows of an index of `indicatorIds`, points in order: the finest rollup (one row per point and
 * combination of region, discipline and program); with `byCountry`, the observations summed per
 * country as well (there is no rollup by country). At most INDEX_MAX_ROWS + 1 rows.
 */
export function seriesIndexQuery(indicatorIds: readonly string[], byCountry = false): SqlQuery {
  const ids = indicatorIds.length ? indicatorIds : [''];
  const inIds = `o.indicator_id IN (${ids.map(() => '?').join(', ')})`;
  const rows = byCountry
    ? `SELECT o.* EXCLUDE (all_notes, all_sources),
  CASE WHEN len(o.all_notes) > 0 THEN o.all_notes END AS notes, CASE WHEN len(o.all_sources) > 0 THEN o.all_sources END AS sources
FROM (
  SELECT o.indicator_id, o.period, strftime(o.period_start, '%Y-%m-%d') AS start, strftime(o.period_end, '%Y-%m-%d') AS "end",
    o.granularity, year(o.period_start) AS year, i.unit = 'percent' AS mean,
    d.has_region, d.has_discipline, d.has_program, o.region, o.discipline, o.program, o.country,
    sum(o.value) AS value_sum, count(o.value) AS value_count, bool_or(o.is_sample) AS sample,
    list_distinct(list(o.note)) AS all_notes, list_distinct(list(o.source)) AS all_sources, o.period_start, o.period_end
  FROM observations o JOIN ${UNITS} i USING (indicator_id) JOIN indicator_dims d USING (indicator_id)
  WHERE ${inIds}
  GROUP BY o.indicator_id, o.period, o.period_start, o.period_end, o.granularity, i.unit,
    d.has_region, d.has_discipline, d.has_program, o.region, o.discipline, o.program, o.country
) o`
    : `SELECT o.indicator_id, o.period, o.start, o."end", o.granularity, o.year, i.unit = 'percent' AS mean,
  o.has_region, o.has_discipline, o.has_program, o.region, o.discipline, o.program,
  o.value_sum, o.value_count, o.sample, o.period_start, o.period_end,
  CASE WHEN len(o.notes) > 0 THEN o.notes END AS notes, CASE WHEN len(o.sources) > 0 THEN o.sources END AS sources
FROM ${rollupTable(FILTER_DIMENSIONS)} o JOIN ${UNITS} i USING (indicator_id)
WHERE ${inIds}`;
  // Each distinct list numbered, and sent once (see IndexRow).
  const listed = (c: string) =>
    `dense_rank() OVER (ORDER BY r.${c}) AS ${c}_id, CASE WHEN row_number() OVER (PARTITION BY r.${c}) = 1 THEN r.${c} END AS ${c}`;
  const sql = `SELECT r.* EXCLUDE (notes, sources, period_start, period_end), ${listed('notes')}, ${listed('sources')}
FROM (${rows}) r
ORDER BY r.indicator_id, r.period_start, r.period_end, r.period
LIMIT ?`;
  return { sql, params: [...ids, INDEX_MAX_ROWS + 1] };
}
