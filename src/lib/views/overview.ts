import type { Connector } from '$lib/db/types';
import type { Annotation } from '$lib/queries/annotations';
import { FILTER_DIMENSIONS, hasDimensionFilter, type FilterDimension, type Filters } from '$lib/queries/filters';
import type { Indicator, IndicatorDims } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { seriesFromEngine, seriesIndexOf, type SeriesReader } from '$lib/queries/series-index';
import { pageBasis } from './basis';
import type { FilterOptions } from './options';
import { targetStatus, type TargetStatus } from './target';

/** The action axes of the Vision's culture chapter, headline ones first. */
export const AXES = [
  'tournees',
  'mobilite',
  'coproductions',
  'ententes',
  'vitrines',
  'bureaux',
  'francophonie',
  'numerique'
] as const;
export type Axis = (typeof AXES)[number];

/** One panel of the overview: an axis's headline indicator, its figures and its series. */
export interface Panel {
  axis: Axis;
  indicator: Indicator;
  series: SeriesPoint[];
  /** The last period with a value. */
  latest: SeriesPoint | null;
  /** The period before it. */
  previous: SeriesPoint | null;
  /** (latest − previous) ÷ previous. */
  change: number | null;
  /** Progress toward the catalogue's target; null without target or under a dimension filter. */
  target: TargetStatus | null;
  /** Whether the target compares with what is drawn (not under a region, discipline or program filter). */
  targetComparable: boolean;
  /** Whether sample data is drawn. */
  sample: boolean;
  /** Filters that this indicator's data cannot honour (it has no such dimension). */
  notApplicable: FilterDimension[];
}

/** Everything the overview draws, computed the same way on the server and in the browser. */
export interface OverviewModel {
  filters: Filters;
  panels: Panel[];
  annotations: Annotation[];
  options: FilterOptions;
  /** The time axis shared by every panel, so events line up from one chart to the next. */
  domain: [string, string] | null;
}

/** Builds a panel from an indicator and its (already filtered) series. */
export function panelOf(
  axis: Axis,
  indicator: Indicator,
  series: SeriesPoint[],
  dims: IndicatorDims | undefined,
  filters: Filters
): Panel {
  const known = series.filter((p) => p.value !== null && p.granularity !== 'interval');
  const latest = known.at(-1) ?? null;
  const previous = known.at(-2) ?? null;
  const change =
    latest?.value != null && previous?.value != null && previous.value !== 0
      ? (latest.value - previous.value) / previous.value
      : null;
  return {
    axis,
    indicator,
    series,
    latest,
    previous,
    change,
    target: hasDimensionFilter(filters) ? null : targetStatus(indicator, series),
    targetComparable: !hasDimensionFilter(filters),
    sample: series.some((p) => p.sample),
    notApplicable: FILTER_DIMENSIONS.filter((d) => filters[d] !== null && dims !== undefined && !dims[`has_${d}`])
  };
}

/** A panel for each (axis, indicator), from the rows of all of them. */
export function panelsOf(
  entries: readonly { axis: Axis; indicator: Indicator }[],
  rows: readonly SeriesPoint[],
  dims: readonly IndicatorDims[],
  filters: Filters
): Panel[] {
  return entries.map(({ axis, indicator }) =>
    panelOf(
      axis,
      indicator,
      rows.filter((r) => r.indicator_id === indicator.indicator_id),
      dims.find((d) => d.indicator_id === indicator.indicator_id),
      filters
    )
  );
}

/** The time span of a set of series, for a shared axis. */
export function domainOf(series: readonly SeriesPoint[]): [string, string] | null {
  if (!series.length) return null;
  let min = series[0]!.start;
  let max = series[0]!.end;
  for (const p of series) {
    if (p.start < min) min = p.start;
    if (p.end > max) max = p.end;
  }
  return [min, max];
}

/** Each axis's headline indicator (its first in the catalogue), in the order of AXES. */
function headlinesOf(catalogue: readonly Indicator[]): { axis: Axis; indicator: Indicator }[] {
  return AXES.flatMap((axis) => {
    const indicator = catalogue.find((i) => i.axis === axis);
    return indicator ? [{ axis, indicator }] : [];
  });
}

/** Builds the in-memory index of the headline series, so that the first filter change finds it ready. */
export async function prepareOverview(db: Connector): Promise<void> {
  const { catalogue } = await pageBasis(db);
  await seriesIndexOf(
    db,
    headlinesOf(catalogue).map((h) => h.indicator.indicator_id)
  );
}

/** The headline indicators' series are read by `read`: the browser passes its in-memory index. */
export async function overviewModel(
  db: Connector,
  filters: Filters,
  read: SeriesReader = seriesFromEngine
): Promise<OverviewModel> {
  const { catalogue, dims, annotations, options } = await pageBasis(db);
  const headlines = headlinesOf(catalogue);
  const rows = await read(
    db,
    headlines.map((h) => h.indicator.indicator_id),
    filters
  );
  return { filters, panels: panelsOf(headlines, rows, dims, filters), annotations, options, domain: domainOf(rows) };
}
