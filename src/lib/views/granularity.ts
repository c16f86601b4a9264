import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import type { Filters } from '$lib/queries/filters';
import { byPeriods, type Combine } from './accumulate';
import { filterYear, kindOf, kindOfSpan, monthsOf, periodCount, type PeriodKind } from './periods';

/**
 * The most marks (bars, points) a chart draws for one series: a panel is about 500 pixels wide, and a
 * mark narrower than 4 pixels is no longer one. A longer series is read by coarser periods (see
 * `displayKind`), so a page stays the same size whatever the number of days in the data.
 */
export const MAX_MARKS = 120;

/** Whether an indicator is followed by fiscal years (its target's or its data's periods) or by calendar years. */
export function yearsOf(
  indicator: Pick<Indicator, 'target_start' | 'target_end'>,
  series: readonly SeriesPoint[]
): 'fiscal_year' | 'year' {
  const target = indicator.target_start && indicator.target_end ? kindOfSpan(indicator.target_start, indicator.target_end) : null;
  if (target === 'fiscal_year') return 'fiscal_year';
  if (target === 'year') return 'year';
  return series.some((p) => p.granularity === 'fiscal_year') ? 'fiscal_year' : 'year';
}

/** The points a year filter keeps: by fiscal year for an indicator followed by fiscal years (see periods.ts `filterYear`). */
export function inYears<P extends SeriesPoint>(
  series: readonly P[],
  filters: Pick<Filters, 'from' | 'to'>,
  years: 'fiscal_year' | 'year'
): P[] {
  if (filters.from === null && filters.to === null) return [...series];
  return series.filter((p) => {
    const y = filterYear(p, years);
    return (filters.from === null || y >= filters.from) && (filters.to === null || y <= filters.to);
  });
}

/**
 * The periods a chart reads the series by: null when its own fit (at most MAX_MARKS of them), otherwise
 * the finest of months, quarters and (fiscal) years that does — never finer than the series' coarsest
 * regular period, and years when nothing finer fits.
 */
export function displayKind(series: readonly SeriesPoint[], years: 'fiscal_year' | 'year'): PeriodKind | null {
  const marks = new Set(series.map((p) => `${p.start}|${p.end}`)).size;
  if (marks <= MAX_MARKS) return null;
  let first: string | null = null;
  let last: string | null = null;
  let coarsest = 0;
  for (const p of series) {
    if (kindOf(p.granularity) === null) continue;
    if (first === null || p.start < first) first = p.start;
    if (last === null || p.end > last) last = p.end;
    coarsest = Math.max(coarsest, monthsOf(p.granularity));
  }
  if (first === null || last === null) return null;
  const ladder: PeriodKind[] = ['month', 'quarter', years];
  return ladder.find((k) => monthsOf(k) >= coarsest && periodCount(k, first, last) <= MAX_MARKS) ?? years;
}

/** The series as a chart draws it: by `kind` (see `displayKind`), or as it is. */
export function forDisplay(series: readonly SeriesPoint[], kind: PeriodKind | null, c: Combine): SeriesPoint[] {
  return kind ? byPeriods(series, kind, c) : [...series];
}
