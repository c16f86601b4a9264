import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Annotation } from '$lib/queries/annotations';
import { DIMENSIONS, type Dimension, type Filters } from '$lib/queries/filters';
import type { Indicator } from '$lib/queries/indicators';
import type { BreakdownPoint, SeriesPoint } from '$lib/queries/observations';
import type { Fact } from '$lib/narrative/facts';
import { breakdownHighlightsOf } from '$lib/narrative/rules';
import { pageBasis } from './basis';
import type { FilterOptions } from './options';
import { combineOf, type Combine } from './accumulate';
import { forDisplay, inYears } from './granularity';
import { allYears, AXES, domainOf, domainWithProjections, isAxis, panelOf } from './overview';
import type { PeriodKind } from './periods';
import type { Projection } from './projection';
import type { TargetStatus } from './target';

/** How a breakdown is drawn. */
export type BreakdownView = 'stacked' | 'multiples';

/** What the indicator page shows: which indicator, filters, breakdown dimension and view. */
export interface IndicatorParams {
  id: string;
  filters: Filters;
  /** Dimension to break the series down by; null for the total only. */
  dim: Dimension | null;
  view: BreakdownView;
}

/** A group of the breakdown: a dimension value (or "other" for the tail) and its points. */
export interface BreakdownGroup {
  /** The dimension value; null when the rows do not say; `'*'` for the grouped tail. */
  key: string | null;
  points: SeriesPoint[];
}

/** Everything the indicator page draws. */
export interface IndicatorModel {
  indicator: Indicator | null;
  /** Dimensions this indicator's data has. */
  dims: Dimension[];
  series: SeriesPoint[];
  /** The breakdown's groups, largest first; empty without a breakdown. */
  groups: BreakdownGroup[];
  annotations: Annotation[];
  options: FilterOptions;
  domain: [string, string] | null;
  /** Whether the target line compares with what is drawn (see the overview's Panel). */
  targetComparable: boolean;
  /** The periods the chart reads the data by when they are too many to draw (null: the data's own). */
  displayKind: PeriodKind | null;
  /** How the year filter counts: by fiscal years or calendar years. */
  years: 'fiscal_year' | 'year';
  /** Where the indicator stands against its target, when comparable. */
  target: TargetStatus | null;
  /** The trend projected to the target period. */
  projection: Projection | null;
  /** What the written highlights say, before any language (the breakdown's groups included). */
  facts: Fact[];
}

/**
 * The address of an indicator's page. The server renders the published indicators; one that an import
 * described in this browser only is rendered by the browser (routes/indicateurs/[id]/+error.svelte).
 */
export function indicatorPath(id: string): string {
  return `/indicateurs/${encodeURIComponent(id)}`;
}

/** More groups than this and colours stop being told apart: the smallest are summed as "other". */
export const MAX_GROUPS = 6;

/** Splits breakdown rows into groups, the largest (by total) first, the tail summed into one. */
export function groupBreakdown(rows: readonly BreakdownPoint[], unit: string): BreakdownGroup[] {
  const totals = new Map<string | null, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + (r.value ?? 0));
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || String(a).localeCompare(String(b), 'fr'));
  const canSum = unit !== 'percent';
  const kept = canSum && keys.length > MAX_GROUPS ? keys.slice(0, MAX_GROUPS - 1) : keys;
  const groups: BreakdownGroup[] = kept.map((key) => ({ key, points: rows.filter((r) => r.key === key) }));
  if (kept.length < keys.length) {
    const tail = new Map<string, SeriesPoint>();
    for (const r of rows) {
      if (kept.includes(r.key)) continue;
      const id = `${r.start}|${r.end}`;
      const p = tail.get(id);
      if (!p) tail.set(id, { ...r, value: r.value });
      else {
        p.value = p.value === null ? r.value : p.value + (r.value ?? 0);
        p.sample ||= r.sample;
      }
    }
    groups.push({ key: '*', points: [...tail.values()].sort((a, b) => a.start.localeCompare(b.start)) });
  }
  return groups;
}

/** What the indicator page will ask for (its breakdown by country too), built ahead of the first change. */
export async function prepareIndicator(db: Coordinator, params: IndicatorParams): Promise<void> {
  await db.prepare([params.id], params.dim);
}

/** The indicator page's model for a set of parameters. */
export async function indicatorModel(db: Coordinator, params: IndicatorParams): Promise<IndicatorModel> {
  const { catalogue, dims: allDims, annotations, options } = await pageBasis(db);
  const indicator = catalogue.find((i) => i.indicator_id === params.id) ?? null;
  const has = allDims.find((d) => d.indicator_id === params.id);
  const dims = DIMENSIONS.filter((d) => has?.[`has_${d}`]);
  const empty = {
    indicator,
    dims,
    series: [],
    groups: [],
    annotations,
    options,
    domain: null,
    targetComparable: false,
    displayKind: null,
    years: 'year' as const,
    target: null,
    projection: null,
    facts: []
  };
  if (!indicator) return empty;
  // Every year read, the years chosen here by the indicator's kind of year (views/granularity.ts).
  const filters = allYears(params.filters);
  const all = await db.series([indicator.indicator_id], filters);
  const dim = params.dim && dims.includes(params.dim) ? params.dim : null;
  const rows = dim ? await db.breakdown(indicator.indicator_id, dim, filters) : [];
  // The panel's rules: the same series, change, target, projection, highlights and display periods as the overview's.
  const panel = panelOf(isAxis(indicator.axis) ? indicator.axis : AXES[0], indicator, all, has, params.filters, annotations);
  const c = combineOf(indicator);
  const shownRows = forDisplayByKey(inYears(rows, params.filters, panel.years), panel.displayKind, c);
  const groups = dim ? groupBreakdown(shownRows, indicator.unit) : [];
  return {
    ...empty,
    series: panel.series,
    groups,
    domain: domainWithProjections(domainOf(panel.series), [panel]),
    targetComparable: panel.targetComparable,
    displayKind: panel.displayKind,
    years: panel.years,
    target: panel.target,
    projection: panel.projection,
    facts: dim ? [...panel.facts, ...breakdownHighlightsOf({ dim, groups }, panel.latest, indicator.unit)] : panel.facts
  };
}

/** Breakdown rows read by the display's periods, each key's points on their own. */
function forDisplayByKey(rows: readonly BreakdownPoint[], kind: PeriodKind | null, c: Combine): BreakdownPoint[] {
  if (!kind) return [...rows];
  const byKey = new Map<string | null, BreakdownPoint[]>();
  for (const r of rows) (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push(r);
  return [...byKey].flatMap(([key, points]) => forDisplay(points, kind, c).map((p) => ({ ...p, key })));
}
