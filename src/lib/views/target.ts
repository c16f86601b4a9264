import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';

/**
 * The Vision internationale was published on 2019-11-29: progress toward a target is measured from the
 * value of the period that contains that day (the baseline the Vision started from).
 */
export const VISION_PUBLISHED = '2019-11-29';

/** Where an indicator stands against its target. */
export interface TargetStatus {
  /** The value aimed at. */
  target: number;
  /** The period the target is for. */
  period: string;
  /** Latest value ÷ target. */
  progress: number;
  /** The target is already met (by the indicator's direction). */
  reached: boolean;
  /** The latest value is at least where a straight path from the baseline to the target would be. */
  onTrack: boolean;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The target status of a series, or null when the catalogue sets no target or there is no value. */
export function targetStatus(indicator: Indicator, series: readonly SeriesPoint[]): TargetStatus | null {
  const { target, target_period, target_end } = indicator;
  const known = series.filter((p) => p.value !== null && p.granularity !== 'interval');
  const latest = known.at(-1);
  if (target === null || !target_period || !target_end || !latest || latest.value === null) return null;
  const up = indicator.direction !== 'down';
  const reached = up ? latest.value >= target : latest.value <= target;
  const vision = day(VISION_PUBLISHED);
  const baseline =
    known.find((p) => day(p.start) <= vision && vision <= day(p.end)) ??
    known.filter((p) => day(p.end) < vision).at(-1) ??
    known[0]!;
  let expected = target;
  const span = day(target_end) - day(baseline.end);
  if (span > 0 && baseline.value !== null) {
    const elapsed = Math.min(1, Math.max(0, (day(latest.end) - day(baseline.end)) / span));
    expected = baseline.value + (target - baseline.value) * elapsed;
  }
  const onTrack = reached || (up ? latest.value >= expected : latest.value <= expected);
  return { target, period: target_period, progress: target === 0 ? 1 : latest.value / target, reached, onTrack };
}

/** The words of a target status: reached, on track or behind (one rule for panels, report and exports). */
export function targetStatusKey(s: TargetStatus): 'target.reached' | 'target.onTrack' | 'target.behind' {
  return s.reached ? 'target.reached' : s.onTrack ? 'target.onTrack' : 'target.behind';
}

/** The arrow said beside a change, so its direction never rests on colour alone. */
export function changeArrow(change: number | null): '▲' | '▼' | '■' {
  return change === null || change === 0 ? '■' : change > 0 ? '▲' : '▼';
}
