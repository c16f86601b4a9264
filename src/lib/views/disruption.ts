import type { Annotation } from '$lib/queries/annotations';
import type { SeriesPoint } from '$lib/queries/observations';
import { stepBack } from './periods';

/** A point whose value is known (missing and suppressed values are never read as zero: they are left out). */
export type KnownPoint = SeriesPoint & { value: number };

/**
 * The known points of one kind of period (fiscal years, months …), in time order; a period known only in
 * part (a total to date, a period with a missing month) is not like a whole one and is left out.
 */
export function knownOfKind(series: readonly SeriesPoint[], granularity: string): KnownPoint[] {
  return series
    .filter((p): p is KnownPoint => p.value !== null && p.granularity === granularity && !p.partial)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** A change from one period to the next one of the same kind. */
export interface Move {
  from: KnownPoint;
  to: KnownPoint;
  /** (to − from) ÷ from. */
  change: number;
  /** The latest annotated event between the start of `from` and the end of `to`: what the change followed. */
  event: Annotation | null;
}

/**
 * The latest event dated within `from`'s start and `to`'s end. The pandemic began on 2020-03-13, in
 * fiscal year 2019-2020: the fall of 2020-2021 is said to follow it, although it lies in the year before.
 */
export function eventBetween(from: SeriesPoint, to: SeriesPoint, annotations: readonly Annotation[]): Annotation | null {
  return annotations.filter((a) => from.start <= a.at && a.at <= to.end).at(-1) ?? null;
}

/** Each change between consecutive known points one period apart; none across a gap or from zero. */
export function movesOf(points: readonly KnownPoint[], annotations: readonly Annotation[]): Move[] {
  const moves: Move[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    if (stepBack(to)?.start !== from.start || from.value === 0) continue;
    moves.push({ from, to, change: (to.value - from.value) / Math.abs(from.value), event: eventBetween(from, to, annotations) });
  }
  return moves;
}

/** A fall after an annotated event (the pandemic), and the periods spent below the level it fell from. */
export interface Disruption {
  move: Move;
  /** The first period back at or above the level before the fall; null while it has not come back. */
  recovered: KnownPoint | null;
  /** The periods from the fall until the recovery (excluded): what a trend should not be fitted on. */
  periods: KnownPoint[];
}

/** How deep a fall after an annotated event must be to count as a disruption: a quarter of the level. */
export const DISRUPTION_FALL = 0.25;

/**
 * The disruptions of a series: each fall of at least DISRUPTION_FALL that follows an annotated event,
 * with the periods spent below the level it fell from. An unannotated fall is not one: a decline with
 * no known cause is part of the trend.
 */
export function disruptionsOf(points: readonly KnownPoint[], annotations: readonly Annotation[]): Disruption[] {
  const out: Disruption[] = [];
  for (const move of movesOf(points, annotations)) {
    if (move.change > -DISRUPTION_FALL || !move.event) continue;
    if (out.some((d) => d.periods.includes(move.to))) continue; // a second fall inside the first one
    const start = points.indexOf(move.to);
    const back = points.findIndex((p, i) => i > start && p.value >= move.from.value);
    out.push({
      move,
      recovered: back === -1 ? null : points[back]!,
      periods: points.slice(start, back === -1 ? undefined : back)
    });
  }
  return out;
}
