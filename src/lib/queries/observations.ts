import type { SqlQuery } from '$lib/db/types';
import type { PeriodLike } from '$lib/i18n/format';
import { FILTER_DIMENSIONS, type Dimension, type FilterDimension, type Filters } from './filters';
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
  /**
   * Only on a point read over a longer period than the data's own (views/accumulate.ts): the data does
   * not cover the whole period (a total to date, a level so far), or one of its parts is missing.
   */
  partial?: boolean;
  /** With `partial`: the last day the value accounts for. */
  through?: string;
}

/** A point of a broken-down series: also the dimension's value (`key`). */
export interface BreakdownPoint extends SeriesPoint {
  /** The dimension value, or null when the rows do not say. */
  key: string | null;
}

/**
 * The filter clauses. A dimension filter only applies to indicators that have that dimension: the
 * offices abroad have no discipline, so filtering on Musique must not blank their panel. `has` is the
 * alias of the table with the `has_<dimension>` flags.
 */
function filterWhere(f: Filters, indicatorIds: readonly string[], year: string, has: string): Where {
  const w = new Where();
  w.and(`o.indicator_id IN (${indicatorIds.map(() => '?').join(', ')})`, ...indicatorIds);
  if (f.from !== null) w.and(`${year} >= ?`, f.from);
  if (f.to !== null) w.and(`${year} <= ?`, f.to);
  for (const dim of FILTER_DIMENSIONS) {
    const value = f[dim];
    if (value !== null) w.and(`(o.${ident(dim)} = ? OR NOT ${has}.${ident(`has_${dim}`)})`, value);
  }
  return w;
}

/** The filter dimensions a set of filters restricts, in FILTER_DIMENSIONS order. */
function filteredDimensions(f: Filters): FilterDimension[] {
  return FILTER_DIMENSIONS.filter((d) => f[d] !== null);
}

/**
 * The rollup keyed by indicator, period and `dims`: pre-aggregated observations, one table per subset
 * of the filter dimensions, as Mosaic's data cube indexes are. Filtering a rollup on exactly its own
 * dimensions leaves one row per point (each dimension is either fixed by the filter or absent from the
 * indicator's data), so a filter change reads finished points — a few thousand rows at most, however
 * many millions of observations are loaded — and aggregates nothing.
 */
export function rollupTable(dims: readonly FilterDimension[]): string {
  const kept = FILTER_DIMENSIONS.filter((d) => dims.includes(d));
  return kept.length ? `observations_by_${kept.join('_')}` : 'observations_by_period';
}

/** The finest rollup, by every filter dimension: built at each load, read by the index and the filter bar. */
const FINEST = rollupTable(FILTER_DIMENSIONS);

/** The coarser rollups' dimensions: every other subset of the filter dimensions. */
function coarserSubsets(): FilterDimension[][] {
  const n = FILTER_DIMENSIONS.length;
  return Array.from({ length: (1 << n) - 1 }, (_, i) => FILTER_DIMENSIONS.filter((_, d) => ~(i + 1) & (1 << d)));
}

const rollupKey = (dims: readonly FilterDimension[]) =>
  ['indicator_id', 'period', 'period_start', 'period_end', 'granularity', ...dims].join(', ');

/**
 * A rollup table from its partial aggregates (sum and count of values, distinct notes and sources):
 * each row also holds its finished point: value (average for percent indicators), period bounds as
 * text, notes and sources joined.
 */
function rollupStatement(table: string, partial: string): string {
  return `CREATE OR REPLACE TABLE ${table} AS
WITH p AS (${partial})
SELECT p.*, year(p.period_start) AS year,
  strftime(p.period_start, '%Y-%m-%d') AS start, strftime(p.period_end, '%Y-%m-%d') AS "end",
  CASE WHEN i.unit = 'percent' THEN p.value_sum / p.value_count ELSE p.value_sum END AS value,
  nullif(array_to_string(list_sort(p.notes), ' · '), '') AS note,
  nullif(array_to_string(list_sort(p.sources), ' · '), '') AS source,
  d.has_region, d.has_discipline, d.has_program
FROM p
JOIN (SELECT indicator_id, any_value(unit) AS unit FROM indicators GROUP BY indicator_id) i USING (indicator_id)
JOIN indicator_dims d USING (indicator_id)`;
}

/**
 * What a load builds of the rollups, with the other derived tables (after `observations`, `indicators`
 * and `indicator_dims`): the finest, from the observations, and the filter bar's choices from it. The
 * coarser ones are dropped (their data are gone): the coordinator builds each when a query first reads
 * it (`rollupBuild`), as Mosaic builds its pre-aggregates lazily.
 */
export function rollupQueries(): SqlQuery[] {
  const key = rollupKey(FILTER_DIMENSIONS);
  return [
    {
      sql: rollupStatement(
        FINEST,
        // In two steps: grouping by note and source first leaves a few rows per point to list, where
        // listing a million notes and sources directly took twice as long (mostly empty or repeated).
        `SELECT ${key}, sum(value_sum) AS value_sum, CAST(sum(value_count) AS BIGINT) AS value_count, bool_or(sample) AS sample,
  list_distinct(list(note)) AS notes, list_distinct(list(source)) AS sources
FROM (
  SELECT ${key}, note, source, sum(value) AS value_sum, count(value) AS value_count, bool_or(is_sample) AS sample
  FROM observations GROUP BY ALL
) GROUP BY ${key}`
      )
    },
    ...coarserSubsets().map((dims) => ({ sql: `DROP TABLE IF EXISTS ${rollupTable(dims)}` })),
    {
      sql: `CREATE OR REPLACE TABLE filter_options AS
SELECT 'region' AS dimension, region AS value FROM ${FINEST} WHERE region IS NOT NULL GROUP BY region
UNION ALL SELECT 'discipline', discipline FROM ${FINEST} WHERE discipline IS NOT NULL GROUP BY discipline
UNION ALL SELECT 'program', program FROM ${FINEST} WHERE program IS NOT NULL GROUP BY program
UNION ALL SELECT 'year', CAST(year AS VARCHAR) FROM ${FINEST} GROUP BY year`
    }
  ];
}

/**
 * How to build the coarser rollup `table`, or undefined for any other table (the finest is built at
 * each load). From the finest, in one statement: built on first use, a chain through the rollups with
 * one more dimension would build tables nobody asked for (the first unfiltered read built three,
 * 120–260 ms in Node against 70–100 ms for one from the finest, 100 k and 1 M rows).
 */
export function rollupBuild(table: string): SqlQuery | undefined {
  const dims = coarserSubsets().find((d) => rollupTable(d) === table);
  if (!dims) return undefined;
  const key = rollupKey(dims);
  const partial = `SELECT ${key}, sum(value_sum) AS value_sum, CAST(sum(value_count) AS BIGINT) AS value_count, bool_or(sample) AS sample,
  list_distinct(flatten(list(notes))) AS notes, list_distinct(flatten(list(sources))) AS sources
FROM ${FINEST} GROUP BY ${key}`;
  return { sql: rollupStatement(table, partial) };
}

/** Every coarser rollup's table: what the server builds ahead (`Coordinator.buildRollups`). */
export function coarserRollups(): string[] {
  return coarserSubsets().map(rollupTable);
}

/** What a read of `table` needs built first: nothing for the finest rollup, which every load builds. */
function needs(table: string): Pick<SqlQuery, 'needs'> {
  return table === FINEST ? {} : { needs: [table] };
}

/** What a point is made of, from the observations themselves: the definition the rollups must equal. */
const DIRECT_POINT = `CASE WHEN any_value(i.unit) = 'percent' THEN avg(o.value) ELSE sum(o.value) END AS value, bool_or(o.is_sample) AS sample,
  string_agg(DISTINCT o.note, ' · ' ORDER BY o.note) AS note, string_agg(DISTINCT o.source, ' · ' ORDER BY o.source) AS source`;
const DIRECT_PERIOD = `o.period, strftime(o.period_start, '%Y-%m-%d') AS start, strftime(o.period_end, '%Y-%m-%d') AS "end", o.granularity`;
const ROLLED_POINT = `o.period, o.start, o."end", o.granularity, o.value, o.sample, o.note, o.source`;

/** The series of several indicators at once (one query for a whole page of panels), ordered by time. */
export function seriesQuery(indicatorIds: readonly string[], filters: Filters): SqlQuery {
  const w = filterWhere(filters, indicatorIds.length ? indicatorIds : [''], 'o.year', 'o');
  const table = rollupTable(filteredDimensions(filters));
  return {
    sql: `SELECT o.indicator_id, ${ROLLED_POINT}
FROM ${table} o
${w}
ORDER BY o.indicator_id, o.period_start, o.period_end`,
    params: w.params,
    ...needs(table)
  };
}

/** `seriesQuery` aggregated from the observations themselves: the reference the rollups are tested against. */
export function seriesQueryDirect(indicatorIds: readonly string[], filters: Filters): SqlQuery {
  const w = filterWhere(filters, indicatorIds.length ? indicatorIds : [''], 'year(o.period_start)', 'd');
  return {
    sql: `SELECT o.indicator_id, ${DIRECT_PERIOD},
  ${DIRECT_POINT}
FROM observations o
JOIN indicators i USING (indicator_id)
JOIN indicator_dims d USING (indicator_id)
${w}
GROUP BY o.indicator_id, o.period, o.period_start, o.period_end, o.granularity
ORDER BY o.indicator_id, o.period_start, o.period_end`,
    params: w.params
  };
}

/**
 * One indicator's series split by a dimension's values (for stacked bars or small multiples), from the
 * rollup of the filtered dimensions and the split one; there is no rollup by country, read from the
 * observations.
 */
export function breakdownQuery(indicatorId: string, dimension: Dimension, filters: Filters): SqlQuery {
  if (dimension === 'country') return breakdownQueryDirect(indicatorId, dimension, filters);
  const w = filterWhere(filters, [indicatorId], 'o.year', 'o');
  const col = `o.${ident(dimension)}`;
  const table = rollupTable([...filteredDimensions(filters), dimension]);
  return {
    sql: `SELECT o.indicator_id, ${col} AS key, ${ROLLED_POINT}
FROM ${table} o
${w}
ORDER BY o.period_start, o.period_end, key`,
    params: w.params,
    ...needs(table)
  };
}

/** `breakdownQuery` aggregated from the observations themselves. */
export function breakdownQueryDirect(indicatorId: string, dimension: Dimension, filters: Filters): SqlQuery {
  const w = filterWhere(filters, [indicatorId], 'year(o.period_start)', 'd');
  const col = `o.${ident(dimension)}`;
  return {
    sql: `SELECT o.indicator_id, ${col} AS key, ${DIRECT_PERIOD},
  ${DIRECT_POINT}
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
  return { sql: 'SELECT dimension, value FROM filter_options ORDER BY dimension, value' };
}
