import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Annotation } from '$lib/queries/annotations';
import { FILTER_DIMENSIONS, hasDimensionFilter, type FilterDimension, type Filters } from '$lib/queries/filters';
import type { Indicator, IndicatorDims } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { pageBasis } from './basis';
import type { FilterOptions } from './options';
import type { PeriodLike } from '$lib/i18n/format';
import type { Fact } from '$lib/narrative/facts';
import { highlightsOf } from '$lib/narrative/rules';
import { combineOf } from './accumulate';
import { latestChange } from './change';
import { displayKind, forDisplay, inYears, yearsOf } from './granularity';
import type { PeriodKind } from './periods';
import { projectionOf, type Projection } from './projection';
import { targetPeriodOf, targetStatus, type TargetStatus } from './target';

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

/** Whether a catalogue's axis is one of the Vision's. */
export const isAxis = (axis: string): axis is Axis => (AXES as readonly string[]).includes(axis);

/** One panel of the overview: an axis's headline indicator, its figures and its series. */
export interface Panel {
  axis: Axis;
  indicator: Indicator;
  /** The series as drawn: the years chosen, read by the display's periods (see views/granularity.ts). */
  series: SeriesPoint[];
  /** The last period drawn with a value (a total to date when `partial`). */
  latest: SeriesPoint | null;
  /** The period the change is measured against: of the same kind, one step earlier (see views/change.ts). */
  previousPeriod: PeriodLike | null;
  /** Its value, when the data have one. */
  previous: SeriesPoint | null;
  /** (latest − previous) ÷ |previous|. */
  change: number | null;
  /** The previous is the same span of its period as the latest's total to date. */
  sameSpan: boolean;
  /** Progress toward the catalogue's target; null without target, under a dimension filter or outside the years chosen. */
  target: TargetStatus | null;
  /** Why a catalogue target is not compared: a dimension filter, or years chosen that leave out the period measured. */
  targetNote: 'filtered' | 'outOfYears' | null;
  /** Whether the target line compares with what is drawn: no dimension filter, and bars of the target's kind of period (or a level). */
  targetComparable: boolean;
  /** The periods the chart reads the data by when they are too many to draw (null: the data's own). */
  displayKind: PeriodKind | null;
  /** How the year filter counts: by fiscal years (April–March) or calendar years. */
  years: 'fiscal_year' | 'year';
  /** Whether sample data is drawn. */
  sample: boolean;
  /** Filters that this indicator's data cannot honour (it has no such dimension). */
  notApplicable: FilterDimension[];
  /** The trend projected to the target period, when there is a comparable target still ahead. */
  projection: Projection | null;
  /** What the written highlights say, before any language. */
  facts: Fact[];
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

/** The filters without their years: models read every year, and choose the years themselves (see `inYears`). */
export function allYears(filters: Filters): Filters {
  return filters.from === null && filters.to === null ? filters : { ...filters, from: null, to: null };
}

/**
 * Builds a panel from an indicator and its series under the dimension filters, every year (the years
 * are chosen here, by the indicator's kind of year; the target and the change look beyond them).
 */
export function panelOf(
  axis: Axis,
  indicator: Indicator,
  series: SeriesPoint[],
  dims: IndicatorDims | undefined,
  filters: Filters,
  annotations: readonly Annotation[] = []
): Panel {
  const c = combineOf(indicator);
  const years = yearsOf(indicator, series);
  const chosen = inYears(series, filters, years);
  const kind = displayKind(chosen, years);
  const shown = forDisplay(chosen, kind, c);
  const filtered = hasDimensionFilter(filters);
  const status = filtered ? null : targetStatus(indicator, series);
  const outOfYears = status !== null && inYears([status.measured], filters, years).length === 0;
  const tp = targetPeriodOf(indicator);
  const drawnKind =
    kind ?? (shown.length && shown.every((p) => p.granularity === shown[0]!.granularity) ? shown[0]!.granularity : null);
  const change = latestChange(shown, series, c);
  const target = outOfYears ? null : status;
  // Like the target, the projection reads every year: the years shown do not move where the trend goes.
  const projection = target ? projectionOf(indicator, series, annotations) : null;
  return {
    axis,
    indicator,
    series: shown,
    ...change,
    target,
    targetNote: indicator.target === null ? null : filtered ? 'filtered' : outOfYears ? 'outOfYears' : null,
    targetComparable: !filtered && (c.measure === 'stock' || (tp !== null && drawnKind === tp.granularity)),
    displayKind: kind,
    years,
    sample: shown.some((p) => p.sample),
    notApplicable: FILTER_DIMENSIONS.filter((d) => filters[d] !== null && dims !== undefined && !dims[`has_${d}`]),
    projection,
    facts: highlightsOf({ indicator, series: shown, ...change, target, projection, annotations })
  };
}

/** A panel for each (axis, indicator), from the rows of all of them. */
export function panelsOf(
  entries: readonly { axis: Axis; indicator: Indicator }[],
  rows: readonly SeriesPoint[],
  dims: readonly IndicatorDims[],
  filters: Filters,
  annotations: readonly Annotation[] = []
): Panel[] {
  return entries.map(({ axis, indicator }) =>
    panelOf(
      axis,
      indicator,
      rows.filter((r) => r.indicator_id === indicator.indicator_id),
      dims.find((d) => d.indicator_id === indicator.indicator_id),
      filters,
      annotations
    )
  );
}

/** What a year filter means across panels: fiscal years, calendar years, or either by indicator. */
export function yearsOfPanels(panels: readonly Pick<Panel, 'years'>[]): 'fiscal_year' | 'year' | 'mixed' {
  const kinds = new Set(panels.map((p) => p.years));
  return kinds.size === 1 ? [...kinds][0]! : kinds.size === 0 ? 'year' : 'mixed';
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

/** A shared time axis stretched to the furthest projected period, so every panel's events still line up. */
export function domainWithProjections(domain: [string, string] | null, panels: readonly Panel[]): [string, string] | null {
  if (!domain) return null;
  const ends = panels.flatMap((p) => (p.projection?.kind === 'projected' ? [p.projection.at.end] : []));
  const end = ends.reduce((a, b) => (b > a ? b : a), domain[1]);
  return end === domain[1] ? domain : [domain[0], end];
}

/**
 * Each axis's headline indicator, in the order of AXES: the one a catalogue marks `headline` (the
 * latest loaded when several do), else the axis's first in the catalogue — the shipped file's, since
 * imports' indicators come after it (docs/data-format.md).
 */
export function headlinesOf(catalogue: readonly Indicator[]): { axis: Axis; indicator: Indicator }[] {
  return AXES.flatMap((axis) => {
    const indicator = catalogue.findLast((i) => i.axis === axis && i.headline) ?? catalogue.find((i) => i.axis === axis);
    return indicator ? [{ axis, indicator }] : [];
  });
}

/** What the overview will ask for, built ahead so that the first filter change finds it ready. */
export async function prepareOverview(db: Coordinator): Promise<void> {
  const { catalogue } = await pageBasis(db);
  await db.prepare(headlinesOf(catalogue).map((h) => h.indicator.indicator_id));
}

/** The overview's model: each axis's headline indicator under `filters`. */
export async function overviewModel(db: Coordinator, filters: Filters): Promise<OverviewModel> {
  const { catalogue, dims, annotations, options } = await pageBasis(db);
  const headlines = headlinesOf(catalogue);
  const rows = await db.series(
    headlines.map((h) => h.indicator.indicator_id),
    allYears(filters)
  );
  const panels = panelsOf(headlines, rows, dims, filters, annotations);
  return {
    filters,
    panels,
    annotations,
    options,
    domain: domainWithProjections(domainOf(panels.flatMap((p) => p.series)), panels)
  };
}
