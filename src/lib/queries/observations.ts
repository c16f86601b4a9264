import type { SqlQuery } from '$lib/db/types';
import type { PeriodLike } from '$lib/i18n/format';
import { FILTER_DIMENSIONS, type Dimension, type Filters } from './filters';
import { ident, Where } from './sql';

/** One point of a series: a period and the value of the rows kept in it. */
export interface SeriesPoint extends PeriodLike {
  /** The indicator. */
  indicator_id: string;
  /** Sum of the rows (average for percent indicators); null when every row is missing or suppressed. */
  value: number | null;
  /** Whether any row behind the point is sample data. */
  sample: boolean;
  /** Notes of the rows behind the point, joined. */
  note: string | null;
  /** Sources of the rows behind the point, joined. */
  source: string | null;
}

/** A point of a broken-down series: also the dimension's value (`key`). */
export interface BreakdownPoint extends SeriesPoint {
  /** The dimension value, or null when the rows do not say. */
  key: string | null;
}

/**
 * The filter clauses. A dimension filter only applies to indicators that have that dimension: the
 * offices abroad have no discipline, so filtering on Musique must not blank their panel.
 */
function filterWhere(f: Filters, indicatorIds: readonly string[]): Where {
  const w = new Where();
  w.and(`o.indicator_id IN (${indicatorIds.map(() => '?').join(', ')})`, ...indicatorIds);
  if (f.from !== null) w.and('year(o.period_start) >= ?', f.from);
  if (f.to !== null) w.and('year(o.period_start) <= ?', f.to);
  for (const dim of FILTER_DIMENSIONS) {
    const value = f[dim];
    if (value !== null) w.and(`(o.${ident(dim)} = ? OR NOT d.${ident(`has_${dim}`)})`, value);
  }
  return w;
}

const AGGREGATE = `CASE WHEN any_value(i.unit) = 'percent' THEN avg(o.value) ELSE sum(o.value) END`;
const PERIOD_COLUMNS = `o.period, strftime(o.period_start, '%Y-%m-%d') AS start, strftime(o.period_end, '%Y-%m-%d') AS "end", o.granularity`;

/** The series of several indicators at once (one query for a whole page of panels), ordered by time. */
export function seriesQuery(indicatorIds: readonly string[], filters: Filters): SqlQuery {
  const w = filterWhere(filters, indicatorIds.length ? indicatorIds : ['']);
  return {
    sql: `SELECT o.indicator_id, ${PERIOD_COLUMNS},
  ${AGGREGATE} AS value, bool_or(o.is_sample) AS sample,
  string_agg(DISTINCT o.note, ' · ') AS note, string_agg(DISTINCT o.source, ' · ') AS source
FROM observations o
JOIN indicators i USING (indicator_id)
JOIN indicator_dims d USING (indicator_id)
${w}
GROUP BY o.indicator_id, o.period, o.period_start, o.period_end, o.granularity
ORDER BY o.indicator_id, o.period_start, o.period_end`,
    params: w.params
  };
}

/** One indicator's series split by a dimension's values (for stacked bars or small multiples). */
export function breakdownQuery(indicatorId: string, dimension: Dimension, filters: Filters): SqlQuery {
  const w = filterWhere(filters, [indicatorId]);
  const col = `o.${ident(dimension)}`;
  return {
    sql: `SELECT o.indicator_id, ${col} AS key, ${PERIOD_COLUMNS},
  ${AGGREGATE} AS value, bool_or(o.is_sample) AS sample,
  string_agg(DISTINCT o.note, ' · ') AS note, string_agg(DISTINCT o.source, ' · ') AS source
FROM observations o
JOIN indicators i USING (indicator_id)
JOIN indicator_dims d USING (indicator_id)
${w}
GROUP BY o.indicator_id, ${col}, o.period, o.period_start, o.period_end, o.granularity
ORDER BY o.period_start, o.period_end, key`,
    params: w.params
  };
}

/** The distinct values of each filter dimension, and the years covered, for the filter bar. */
export function filterOptionsQuery(): SqlQuery {
  return {
    sql: `SELECT 'region' AS dimension, region AS value FROM observations WHERE region IS NOT NULL GROUP BY region
UNION ALL SELECT 'discipline', discipline FROM observations WHERE discipline IS NOT NULL GROUP BY discipline
UNION ALL SELECT 'program', program FROM observations WHERE program IS NOT NULL GROUP BY program
UNION ALL SELECT 'year', CAST(year(period_start) AS VARCHAR) FROM observations GROUP BY year(period_start)
ORDER BY dimension, value`
  };
}
