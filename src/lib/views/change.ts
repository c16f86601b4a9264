import type { PeriodLike } from '$lib/i18n/format';
import type { SeriesPoint } from '$lib/queries/observations';
import { byPeriods, valueOver, type Combine } from './accumulate';
import { kindOf, sameDayBefore, stepBack } from './periods';

/** The latest value shown and its change against the same kind of period one step earlier. */
export interface LatestChange {
  /** The last period shown that has a value (a total to date when `partial`). */
  latest: SeriesPoint | null;
  /**
   * The period it is compared with: of the same kind, one step earlier (2024 for 2025, T4 2025 for
   * T1 2026), never a period of another kind; for a flow's total to date, the same span of that period.
   * Null when there is none (the latest is an interval).
   */
  previousPeriod: PeriodLike | null;
  /** Its value; null when the data have none (or only part of it, unless that part is the span compared). */
  previous: SeriesPoint | null;
  /** (latest − previous) ÷ |previous|; null without both, or when previous is 0. */
  change: number | null;
  /** The previous is the same span, to the same day, of the period before (a total to date). */
  sameSpan: boolean;
}

/**
 * The latest of the points shown and its change, like with like: `shown` is what the chart draws (after
 * the year filter, at its display granularity), `series` the indicator's whole series (every year, the
 * data's own periods), so the period before the first one shown still counts.
 */
export function latestChange(shown: readonly SeriesPoint[], series: readonly SeriesPoint[], c: Combine): LatestChange {
  const latest = shown.filter((p) => p.value !== null && kindOf(p.granularity) !== null).at(-1) ?? null;
  const none = { latest, previousPeriod: null, previous: null, change: null, sameSpan: false };
  const kind = latest ? kindOf(latest.granularity) : null;
  const before = latest ? stepBack(latest) : null;
  if (!latest || !kind || !before) return none;
  let previousPeriod: PeriodLike = before;
  let previous: SeriesPoint | null;
  const toDate = c.measure === 'flow' && latest.partial && latest.through && latest.through < latest.end;
  if (toDate) {
    // A total to date against the total over the same days of the period before.
    const end = sameDayBefore(latest, latest.through!)!;
    previousPeriod = { ...before, end };
    previous = valueOver(series, previousPeriod, c);
  } else {
    previous = byPeriods(series, kind, c).find((p) => p.granularity === kind && p.start === before.start) ?? null;
    if (previous?.partial && c.measure === 'flow') previous = null; // part of a period is not like a whole one
  }
  if (previous?.value === null || previous?.value === undefined) previous = null;
  const change =
    previous && latest.value !== null && previous.value !== 0
      ? (latest.value - previous.value!) / Math.abs(previous.value!)
      : null;
  return { latest, previousPeriod, previous, change, sameSpan: !!toDate };
}
