import type { PeriodLike } from '$lib/i18n/format';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { kindOf, monthsOf, periodOf, within, type PeriodKind } from './periods';

/** How an indicator's values combine over time. */
export interface Combine {
  /** `flow`: a quantity per period, summed over time; `stock`: a level, read at a period's end. */
  measure: 'flow' | 'stock';
  /** `percent` flows are averaged over time, as across dimensions. */
  unit: string;
}

/** How the catalogue says an indicator's values combine. */
export function combineOf(indicator: Pick<Indicator, 'measure' | 'unit'>): Combine {
  return { measure: indicator.measure === 'stock' ? 'stock' : 'flow', unit: indicator.unit };
}

/** The first and last day the series has a value for (its data's extent), or null without any. */
export function extentOf(series: readonly SeriesPoint[]): { start: string; end: string } | null {
  let start: string | null = null;
  let end: string | null = null;
  for (const p of series) {
    if (p.value === null || kindOf(p.granularity) === null) continue;
    if (start === null || p.start < start) start = p.start;
    if (end === null || p.end > end) end = p.end;
  }
  return start === null || end === null ? null : { start, end };
}

/** Notes of an aggregated point: the distinct ones, a few at most (a year of days can hold hundreds). */
const MAX_NOTES = 3;

function joinDistinct(texts: readonly (string | null)[], max = Infinity): string | null {
  const all = [...new Set(texts.flatMap((t) => (t ? t.split(' · ') : [])))];
  if (!all.length) return null;
  return all.length > max ? `${all.slice(0, max).join(' · ')} · …` : all.join(' · ');
}

/**
 * One value for `period` from the points within it (none overlapping another): flows summed (percent
 * averaged), stocks the last reading. `partial` when the data's extent does not cover the whole period
 * (a total to date, a level so far) or when one of its points is missing; `through` is the last day the
 * value accounts for.
 */
function combine(
  points: readonly SeriesPoint[],
  period: PeriodLike,
  extent: { start: string; end: string },
  c: Combine
): SeriesPoint {
  const only = points.length === 1 ? points[0]! : null;
  if (only && only.start === period.start && only.end === period.end) return only; // already the period's own value
  const known = points.filter((p) => p.value !== null);
  let value: number | null = null;
  let through = period.end < extent.end ? period.end : extent.end;
  let partial: boolean;
  if (c.measure === 'stock') {
    const last = known.at(-1);
    value = last?.value ?? null;
    if (last) through = last.end;
    partial = period.end > extent.end;
  } else {
    if (known.length) {
      const sum = known.reduce((s, p) => s + p.value!, 0);
      value = c.unit === 'percent' ? sum / known.length : sum;
    }
    partial = period.start < extent.start || period.end > extent.end || known.length < points.length;
  }
  return {
    indicator_id: points[0]?.indicator_id ?? '',
    period: period.period,
    start: period.start,
    end: period.end,
    granularity: period.granularity,
    value,
    sample: points.some((p) => p.sample),
    note: joinDistinct(
      points.map((p) => p.note),
      MAX_NOTES
    ),
    source: joinDistinct(points.map((p) => p.source)),
    ...(partial ? { partial, through } : {})
  };
}

/** Points sorted by start, the longest first at a same start; then those overlapping a kept one dropped. */
function withoutOverlaps(points: readonly SeriesPoint[]): readonly SeriesPoint[] {
  if (points.length < 2) return points; // most periods: nothing to sort, nothing to copy
  const sorted = [...points].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : 0
  );
  const kept: SeriesPoint[] = [];
  for (const p of sorted) {
    const last = kept.at(-1);
    if (!last || p.start > last.end) kept.push(p);
  }
  return kept;
}

/**
 * The series read by periods of `kind` (months, quarters, calendar or fiscal years): flows summed
 * (percent averaged), stocks read at the period's end (its last reading). A period the data does not
 * fully cover is marked `partial` (a total to date). A point no period of `kind` holds — an interval, a
 * year among quarters' coarser kind, a calendar year among fiscal ones — is kept as it is: precision
 * is never invented. Already a point of `kind`: kept as it is too.
 */
export function byPeriods(series: readonly SeriesPoint[], kind: PeriodKind, c: Combine): SeriesPoint[] {
  const extent = extentOf(series);
  const kept: SeriesPoint[] = [];
  const groups = new Map<string, { period: PeriodLike; points: SeriesPoint[] }>();
  for (const p of series) {
    const k = kindOf(p.granularity);
    const period = k === null ? null : periodOf(kind, p.start);
    if (!period || !extent || p.end > period.end || monthsOf(p.granularity) > monthsOf(kind)) {
      kept.push(p);
      continue;
    }
    const g = groups.get(period.start);
    if (g) g.points.push(p);
    else groups.set(period.start, { period, points: [p] });
  }
  for (const { period, points } of groups.values()) kept.push(combine(withoutOverlaps(points), period, extent!, c));
  return kept.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
}

/**
 * The value of the series over one period (a target's, or the span of a period to date): the points
 * within it combined as `byPeriods` combines them. Null when no point lies within it.
 */
export function valueOver(series: readonly SeriesPoint[], period: PeriodLike, c: Combine): SeriesPoint | null {
  const extent = extentOf(series);
  const points = series.filter((p) => kindOf(p.granularity) !== null && within(p, period));
  return extent && points.length ? combine(withoutOverlaps(points), period, extent, c) : null;
}
