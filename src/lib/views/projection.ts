import type { PeriodLike } from '$lib/i18n/format';
import type { Annotation } from '$lib/queries/annotations';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { byPeriods, combineOf } from './accumulate';
import { disruptionsOf, knownOfKind, type KnownPoint } from './disruption';
import { dayNumber, kindOf, periodCount, stepBack, type PeriodKind } from './periods';
import { targetPeriodOf, VISION_PUBLISHED } from './target';

/*
 * Projection to the target: Theil–Sen's line (the median of the slopes between every pair of points,
 * Sen 1968) fitted on the periods since the Vision's baseline, leaving out the periods of an annotated
 * disruption (from a fall of a quarter or more after an event such as the pandemic until the level
 * before it is back). Why both:
 * - the pandemic's dip and its recovery are a third of the fiscal years since 2019-2020; a least-squares
 *   line through them, or even a median line, reads the recovery as growth (+11 % a year on the sample
 *   series, where the years on either side grow by 3 to 5 %). Leaving out the flagged periods removes that;
 *   which periods are flagged follows from the data and the annotations file, not from a hand-kept list.
 * - what remains may still hold a one-off (a festival year, a correction): the median slope and a median
 *   absolute deviation ignore up to about three points in ten, where least squares follows every one.
 * The interval combines the uncertainty of the slope (Sen's distribution-free confidence interval, from
 * the Mann–Kendall statistic's variance) and the scatter of the periods around the line (1.4826 × the
 * median absolute deviation of the residuals, the normal-consistent robust scale), at PROJECTION_LEVEL.
 */

/** The chance the interval gives a period's value to fall inside it. */
export const PROJECTION_LEVEL = 0.8;
/** The standard normal quantile of (1 + PROJECTION_LEVEL) ÷ 2. */
const Z = 1.2816;
/** Fewer points than this since the baseline, and no trend is projected: say so instead. */
export const MIN_POINTS = 4;
/** How many periods past the target period the projection looks for the one that meets the target. */
const HORIZON = 10;

/** A projected period: the line's value and its interval. */
export interface ProjectedPoint extends PeriodLike {
  value: number;
  low: number;
  high: number;
}

/** The trend projected to the target period. */
export interface Projected {
  kind: 'projected';
  /** The first period the fit uses (the Vision's baseline, or the first period after it with a value). */
  since: PeriodLike;
  /** How many periods the line is fitted on. */
  used: number;
  /** Periods left out as part of an annotated disruption. */
  excluded: PeriodLike[];
  /** The line's change per period. */
  slope: number;
  /** The last value known, where the dashed continuation starts. */
  from: KnownPoint;
  /** Each period after `from` up to the target period. */
  path: ProjectedPoint[];
  /** The target period's projection. */
  at: ProjectedPoint;
  /** The first period whose projected value meets the target, up to HORIZON periods past it; null if none. */
  reachedIn: PeriodLike | null;
  /** Whether the interval's favourable end meets the target in the target period. */
  reachable: boolean;
}

/** Too few periods to project: said instead of a line. */
export interface TooFew {
  kind: 'tooFew';
  /** The target period. */
  goal: PeriodLike;
  used: number;
  needed: number;
  since: PeriodLike | null;
  excluded: PeriodLike[];
}

/** What the projection says for an indicator and its series. */
export type Projection = Projected | TooFew;

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/** The value at 1-based rank `r` of sorted values, interpolated between ranks and clamped to the ends. */
const atRank = (sorted: readonly number[], r: number): number => {
  const x = Math.min(sorted.length, Math.max(1, r)) - 1;
  const i = Math.floor(x);
  return sorted[i]! + (x - i) * ((sorted[Math.min(i + 1, sorted.length - 1)] ?? sorted[i]!) - sorted[i]!);
};

/** A robust line through (x, y): Theil–Sen slope with Sen's interval, median intercept, robust scale. */
export function theilSen(xs: readonly number[], ys: readonly number[]) {
  const n = xs.length;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (xs[j] !== xs[i]) slopes.push((ys[j]! - ys[i]!) / (xs[j]! - xs[i]!));
  slopes.sort((a, b) => a - b);
  const slope = median(slopes);
  const intercept = median(ys.map((y, i) => y - slope * xs[i]!));
  // Sen's interval: ranks (N ∓ Cα) ÷ 2 of the N sorted slopes, Cα = z √Var(S) with Var(S) = n(n−1)(2n+5)/18.
  const c = Z * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const N = slopes.length;
  const slopeLow = atRank(slopes, (N - c) / 2);
  const slopeHigh = atRank(slopes, (N + c) / 2 + 1);
  const residuals = ys.map((y, i) => y - (intercept + slope * xs[i]!));
  const scale = 1.4826 * median(residuals.map((r) => Math.abs(r - median(residuals))));
  return { slope, intercept, slopeLow, slopeHigh, scale, centre: median(xs) };
}

/** A period's place on the time axis in years, the x of the fit (2019-2020 → 2019,25: months counted, not days). */
function yearsAt(p: PeriodLike): number {
  if (p.granularity === 'day') return dayNumber(p.start) / 365.2425;
  return Number(p.start.slice(0, 4)) + (Number(p.start.slice(5, 7)) - 1) / 12;
}

/** The period `k` steps after `p`, of its kind. */
const stepAhead = (p: PeriodLike, k: number): PeriodLike => stepBack(p, -k)!;

const bare = (p: PeriodLike): PeriodLike => ({ period: p.period, start: p.start, end: p.end, granularity: p.granularity });

/**
 * The projection of an indicator to its target period, from its whole series read by periods of the
 * target's kind (months summed into fiscal years for a fiscal-year target, as the target status reads
 * them; periods known only in part left out), or null when there is nothing to project: no target, a
 * target that is not one period of a kind, or a target period that already has its whole value (it is
 * then met or not, as the target status says).
 */
export function projectionOf(
  indicator: Indicator,
  series: readonly SeriesPoint[],
  annotations: readonly Annotation[]
): Projection | null {
  const { target } = indicator;
  const goal = targetPeriodOf(indicator);
  const kind: PeriodKind | null = goal ? kindOf(goal.granularity) : null;
  if (target === null || !goal || !kind) return null;
  const points = knownOfKind(byPeriods(series, kind, combineOf(indicator)), kind);
  const last = points.at(-1);
  if (!last || last.end >= goal.start) return null;
  const ahead = periodCount(kind, last.start, goal.start) - 1;

  const recent = points.filter((p) => p.end >= VISION_PUBLISHED);
  const excludedPoints = new Set(disruptionsOf(points, annotations).flatMap((d) => d.periods));
  const fitted = recent.filter((p) => !excludedPoints.has(p));
  const excluded = recent.filter((p) => excludedPoints.has(p)).map(bare);
  const since = recent[0] ? bare(recent[0]) : null;
  if (fitted.length < MIN_POINTS || !since)
    return { kind: 'tooFew', goal, used: fitted.length, needed: MIN_POINTS, since, excluded };

  const line = theilSen(
    fitted.map(yearsAt),
    fitted.map((p) => p.value)
  );
  const at = (p: PeriodLike): ProjectedPoint => {
    const x = yearsAt(p);
    const value = line.intercept + line.slope * x;
    const away = x - line.centre;
    const noise = Z * line.scale;
    // Beyond the data's centre a steeper slope lifts the line: the high slope bounds above, the low below.
    const up = Math.hypot((away >= 0 ? line.slopeHigh - line.slope : line.slope - line.slopeLow) * away, noise);
    const down = Math.hypot((away >= 0 ? line.slope - line.slopeLow : line.slopeHigh - line.slope) * away, noise);
    return { ...bare(p), value, low: value - down, high: value + up };
  };
  const up = indicator.direction !== 'down';
  const meets = (v: number) => (up ? v >= target : v <= target);

  const path: ProjectedPoint[] = [];
  let reachedIn: PeriodLike | null = null;
  for (let k = 1; k <= ahead + HORIZON && (k <= ahead || !reachedIn); k++) {
    const p = at(stepAhead(last, k));
    if (k <= ahead) path.push(p);
    if (!reachedIn && meets(p.value)) reachedIn = bare(p);
  }
  const goalPoint = path.at(-1)!;
  return {
    kind: 'projected',
    since,
    used: fitted.length,
    excluded,
    slope: line.slope * (yearsAt(stepAhead(last, 1)) - yearsAt(last)),
    from: last,
    path,
    at: goalPoint,
    reachedIn,
    reachable: meets(up ? goalPoint.high : goalPoint.low)
  };
}

/** What a chart draws of a projection: the last value known (no spread), then each projected period. */
export function projectionPoints(
  p: Projection | null
): { start: string; end: string; value: number; low: number; high: number }[] {
  if (!p || p.kind !== 'projected') return [];
  const { from } = p;
  return [
    { start: from.start, end: from.end, value: from.value, low: from.value, high: from.value },
    ...p.path.map(({ start, end, value, low, high }) => ({ start, end, value, low, high }))
  ];
}
