import type { PeriodLike } from '$lib/i18n/format';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { byPeriods, combineOf, valueOver } from './accumulate';
import { dayNumber, daysIn, kindOfSpan, periodOf, type PeriodKind } from './periods';

/**
 * The Vision internationale was published on 2019-11-29: progress toward a target is measured from the
 * value of the period (of the target's kind) that contains that day, the baseline the Vision started from.
 */
export const VISION_PUBLISHED = '2019-11-29';

/** Where an indicator stands against its target (rules: docs/targets.md). */
export interface TargetStatus {
  /** The value aimed at. */
  target: number;
  /** The period the target is for, as the catalogue writes it (`2025-2026`). */
  period: string;
  /** The target's period with its bounds and kind (`fiscal_year` …; `interval` for another span). */
  targetPeriod: PeriodLike;
  /**
   * What is compared with the target: the value over the target's period, or over the latest period of
   * the same kind before it that has data — a flow's total over it, a stock's last reading in it.
   * `partial` (with `through`) when the data stop before the period ends: a total to date.
   */
  measured: SeriesPoint;
  /** `measured.value` ÷ target. */
  progress: number;
  /** Where a straight path from the baseline to the target would put `measured` (a flow's to date: pro rata); null without baseline. */
  expected: number | null;
  /** The target is met (by the indicator's direction); a flow to date under a "down" target is not yet. */
  reached: boolean;
  /** Reached, or at least at `expected`. */
  onTrack: boolean;
}

/** The target's period as a period (its kind from its bounds), or null when the catalogue gives none. */
export function targetPeriodOf(indicator: Indicator): PeriodLike | null {
  const { target_period, target_start, target_end } = indicator;
  if (!target_period || !target_start || !target_end) return null;
  return {
    period: target_period,
    start: target_start,
    end: target_end,
    granularity: kindOfSpan(target_start, target_end) ?? 'interval'
  };
}

/** The series read by periods of the target's kind (every point, when the target's period is another span). */
function byTargetKind(series: readonly SeriesPoint[], kind: PeriodKind | null, indicator: Indicator): SeriesPoint[] {
  return kind ? byPeriods(series, kind, combineOf(indicator)).filter((p) => p.granularity === kind) : [];
}

/**
 * The target status of an indicator from its whole series (every year: the years a page shows do not
 * change where the indicator stands). Null without a target, or without a value in a period comparable
 * with it (of the target's kind, not after the target's period).
 */
export function targetStatus(indicator: Indicator, series: readonly SeriesPoint[]): TargetStatus | null {
  const { target } = indicator;
  const tp = targetPeriodOf(indicator);
  if (target === null || !tp) return null;
  const c = combineOf(indicator);
  const kind = tp.granularity === 'interval' ? null : (tp.granularity as PeriodKind);
  const periods = byTargetKind(series, kind, indicator).filter((p) => p.value !== null && p.start <= tp.start);
  const measured = kind ? periods.at(-1) : valueOver(series, tp, c);
  if (!measured || measured.value === null) return null;
  const value = measured.value;
  const up = indicator.direction !== 'down';
  const flowToDate = c.measure === 'flow' && !!measured.partial;
  const reached = up ? value >= target : value <= target && !flowToDate;

  // The baseline: the period of the target's kind holding the Vision's publication, else the last before it.
  const vision = kind ? periodOf(kind, VISION_PUBLISHED) : null;
  const baseline = vision
    ? (periods.find((p) => p.start === vision.start && !p.partial) ??
      periods.filter((p) => p.end < vision.start && !p.partial).at(-1))
    : undefined;
  // A level so far is where the path is on its last reading; a total is where it is at its period's end.
  const at = c.measure === 'stock' && measured.through ? measured.through : measured.end;
  let expected: number | null = null;
  if (baseline && baseline.value !== null && baseline.start < measured.start) {
    const span = dayNumber(tp.end) - dayNumber(baseline.end);
    const elapsed = span > 0 ? Math.min(1, Math.max(0, (dayNumber(at) - dayNumber(baseline.end)) / span)) : 1;
    expected = baseline.value + (target - baseline.value) * elapsed;
  } else if (measured.start === tp.start) {
    expected = target; // the target's own period needs no path to say where it should end
  }
  // A total to date is set against the same share of the period's expected total.
  if (expected !== null && flowToDate && c.unit !== 'percent') {
    expected *= daysIn(measured.start, measured.through!) / daysIn(measured.start, measured.end);
  }
  const onTrack = reached || (expected !== null && (up ? value >= expected : value <= expected));
  return {
    target,
    period: tp.period,
    targetPeriod: tp,
    measured,
    progress: target === 0 ? 1 : value / target,
    expected,
    reached,
    onTrack
  };
}

/** The words of a target status: reached, on track or behind (one rule for panels, report and exports). */
export function targetStatusKey(s: TargetStatus): 'target.reached' | 'target.onTrack' | 'target.behind' {
  return s.reached ? 'target.reached' : s.onTrack ? 'target.onTrack' : 'target.behind';
}

/** The arrow said beside a change, so its direction never rests on colour alone. */
export function changeArrow(change: number | null): '▲' | '▼' | '■' {
  return change === null || change === 0 ? '■' : change > 0 ? '▲' : '▼';
}
