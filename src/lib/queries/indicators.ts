import type { SqlQuery } from '$lib/db/types';

/** An indicator of the catalogue, as `data/indicators.csv` describes it. */
export interface Indicator {
  indicator_id: string;
  /** The action axis of the Vision it belongs to. */
  axis: string;
  name_fr: string;
  name_en: string;
  /** `count`, `CAD`, `percent` … */
  unit: string;
  /** Which way is good: `up` or `down`. */
  direction: 'up' | 'down';
  /** The value aimed at, if any. */
  target: number | null;
  /** The period the target is for, e.g. `2025-2026`. */
  target_period: string | null;
  definition_fr: string | null;
  definition_en: string | null;
  source: string | null;
  /** `flow` (per period, bars) or `stock` (level at a moment, line). */
  measure: 'flow' | 'stock';
  /** Where the target period ends, `YYYY-MM-DD`, to place the target on the time axis. */
  target_end: string | null;
  /** Where the target period starts. */
  target_start: string | null;
  /** The manager made it its axis's headline (`headline` column), over the axis's first indicator. */
  headline: boolean;
}

/** The whole catalogue: the shipped file's order, then imports' indicators as they were loaded. */
export function indicatorsQuery(): SqlQuery {
  return {
    sql: `SELECT indicator_id, axis, name_fr, name_en, unit, direction, target, target_period,
  definition_fr, definition_en, source, measure, target_start, target_end, headline
FROM indicators ORDER BY catalogue_order`
  };
}

/** The dimensions each indicator's data has, to offer only meaningful breakdowns. */
export function indicatorDimsQuery(): SqlQuery {
  return { sql: `SELECT indicator_id, has_region, has_country, has_discipline, has_program FROM indicator_dims` };
}

/** Which dimensions one indicator has. */
export interface IndicatorDims {
  indicator_id: string;
  has_region: boolean;
  has_country: boolean;
  has_discipline: boolean;
  has_program: boolean;
}
