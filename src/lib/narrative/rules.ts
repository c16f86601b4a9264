import type { Annotation } from '$lib/queries/annotations';
import type { Dimension } from '$lib/queries/filters';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { disruptionsOf, knownOfKind, movesOf, type KnownPoint, type Move } from '$lib/views/disruption';
import type { LatestChange } from '$lib/views/change';
import { stepBack } from '$lib/views/periods';
import { PROJECTION_LEVEL, type Projection } from '$lib/views/projection';
import { VISION_PUBLISHED, type TargetStatus } from '$lib/views/target';
import type { Fact, Valued } from './facts';

/** A group of a breakdown (a region, a discipline …) and its points. */
export interface NarrativeGroup {
  /** The dimension value; null when the rows do not say; `'*'` for the grouped tail. */
  key: string | null;
  points: readonly SeriesPoint[];
}

/**
 * What the highlights are written from: an indicator's series as drawn, and what the page's key figures
 * say of it (views/change.ts, views/target.ts): one rule for the figures and the words.
 */
export interface NarrativeInput extends Pick<LatestChange, 'latest' | 'previousPeriod' | 'previous' | 'sameSpan'> {
  indicator: Indicator;
  /** The series as drawn (the years chosen, the display's periods). */
  series: readonly SeriesPoint[];
  /** The target status the key figures show; null without a comparable target. */
  target: TargetStatus | null;
  /** The projection to the target period; null when there is none to make. */
  projection: Projection | null;
  annotations: readonly Annotation[];
}

/** A breakdown drawn (by region, discipline …): its dimension and its groups. */
export interface NarrativeBreakdown {
  dim: Dimension;
  groups: readonly NarrativeGroup[];
}

/** A move smaller than this (a tenth) is not notable. */
const NOTABLE_MOVE = 0.1;
/** Fewer periods than this and "the highest of the series" means little. */
const RECORD_POINTS = 4;
/** A group smaller than this share of the total is not said to grow fastest: +300 % from 1 to 4 is noise. */
const FASTEST_MIN_SHARE = 0.05;

/** A point's value and period; `through` when it is a total to date or a level so far. */
const valued = (p: KnownPoint): Valued => ({
  period: { period: p.period, start: p.start, end: p.end, granularity: p.granularity },
  value: p.value,
  ...(p.partial && p.through ? { through: p.through } : {})
});
const isKnown = (p: SeriesPoint | null | undefined): p is KnownPoint => !!p && p.value !== null;
const samePeriod = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  a.start === b.start && a.end === b.end;

/**
 * The highlights of an indicator: the few facts worth saying, in the order they are read. Missing and
 * suppressed values are never read as zero: they are left out of every comparison, and a latest period
 * without a value is said to be missing.
 */
export function highlightsOf(input: NarrativeInput): Fact[] {
  const facts: Fact[] = [];
  if (input.series.some((p) => p.sample)) facts.push({ kind: 'sample' });
  const latest = input.latest;
  if (!isKnown(latest)) return [...facts, { kind: 'noData' }];
  const points = knownOfKind(input.series, latest.granularity);
  const moves = movesOf(points, input.annotations);
  const disruptions = disruptionsOf(points, input.annotations);
  // The latest sentence already says the change to the latest period (a total to date says none of them).
  const latestMove = latest.partial ? undefined : moves.find((m) => samePeriod(m.to, latest));

  facts.push(latestFact(input, latest, points));
  facts.push(...targetFacts(input));
  const record = recordFact(points);
  if (record) facts.push(record);
  facts.push(...moveFacts(moves, latestMove, disruptions));
  const last = disruptions.at(-1);
  if (last && last.move !== latestMove) {
    facts.push({
      kind: 'recovery',
      before: valued(last.move.from),
      fall: valued(last.move.to).period,
      recovered: last.recovered ? valued(last.recovered).period : null,
      latest: valued(points.at(-1)!)
    });
  }
  return facts;
}

function latestFact(input: NarrativeInput, latest: KnownPoint, points: readonly KnownPoint[]): Fact {
  const previous = isKnown(input.previous) ? valued(input.previous) : null;
  const base = points.find((p) => p.start <= VISION_PUBLISHED && VISION_PUBLISHED <= p.end);
  // A total to date is compared with the same days before it, never with a whole period.
  const baseline =
    base && base.start < latest.start && !latest.partial && !(previous && samePeriod(previous.period, base))
      ? valued(base)
      : null;
  const missing = input.series
    .filter((p) => p.value === null && p.start > latest.start)
    .map((p) => ({ period: p.period, start: p.start, end: p.end, granularity: p.granularity }));
  return {
    kind: 'latest',
    latest: valued(latest),
    previous,
    // A gap is said; the first period of a series simply has nothing before it.
    unknownPrevious:
      !previous && input.previousPeriod && points.some((p) => p.start < input.previousPeriod!.start)
        ? input.previousPeriod
        : null,
    sameSpan: input.sameSpan,
    baseline,
    missing
  };
}

function targetFacts(input: NarrativeInput): Fact[] {
  const { target: status, projection } = input;
  if (!status || status.measured.value === null) return [];
  const measured = status.measured as KnownPoint;
  const final = samePeriod(measured, status.targetPeriod) && !measured.partial;
  const state = final ? (status.reached ? 'met' : 'missed') : status.reached ? 'ahead' : status.onTrack ? 'onTrack' : 'behind';
  const facts: Fact[] = [
    { kind: 'target', state, target: status.target, period: status.period, progress: status.progress, value: valued(measured) }
  ];
  if (state === 'met' || state === 'missed' || state === 'ahead' || !projection) return facts;
  if (projection.kind === 'tooFew') {
    facts.push({
      kind: 'tooFew',
      target: status.target,
      period: projection.goal,
      used: projection.used,
      needed: projection.needed,
      since: projection.since,
      excluded: projection.excluded.length
    });
    return facts;
  }
  const { at, reachedIn, reachable } = projection;
  const byThen = reachedIn !== null && reachedIn.end <= at.end;
  facts.push({
    kind: 'projection',
    outcome: byThen ? 'reached' : reachable ? 'missed' : 'unreachable',
    target: status.target,
    period: { period: at.period, start: at.start, end: at.end, granularity: at.granularity },
    value: at.value,
    low: at.low,
    high: at.high,
    later: byThen ? null : reachedIn,
    reachedIn: byThen ? reachedIn : null,
    level: PROJECTION_LEVEL
  });
  return facts;
}

function recordFact(points: readonly KnownPoint[]): Fact | null {
  const last = points.at(-1);
  if (!last || points.length < RECORD_POINTS) return null;
  const earlier = points.slice(0, -1).map((p) => p.value);
  const high = last.value > Math.max(...earlier);
  if (!high && !(last.value < Math.min(...earlier))) return null;
  return { kind: 'record', high, at: valued(last), since: valued(points[0]!).period };
}

function moveFacts(moves: readonly Move[], latestMove: Move | undefined, disruptions: ReturnType<typeof disruptionsOf>): Fact[] {
  const rebound = new Set(disruptions.flatMap((d) => [...d.periods, ...(d.recovered ? [d.recovered] : [])]));
  const candidates = moves.filter((m) => m !== latestMove);
  const fall = candidates.reduce<Move | null>((low, m) => (m.change < (low?.change ?? -NOTABLE_MOVE) ? m : low), null);
  const rise = candidates
    .filter((m) => !rebound.has(m.to))
    .reduce<Move | null>((high, m) => (m.change > (high?.change ?? NOTABLE_MOVE) ? m : high), null);
  const fact = (m: Move): Fact => ({
    kind: 'move',
    rise: m.change > 0,
    from: valued(m.from),
    to: valued(m.to),
    change: m.change,
    event: m.event
  });
  // In time order: the fall of 2020-2021 before the rise of 2024-2025.
  return [fall, rise]
    .filter((m): m is Move => m !== null)
    .sort((a, b) => (a.to.start < b.to.start ? -1 : 1))
    .map(fact);
}

/**
 * What a breakdown adds: the group that weighs most in the latest period, and the one that grew fastest
 * since the period before (among groups of at least a twentieth of the total, so that 1 → 4 is not news).
 */
export function breakdownHighlightsOf(breakdown: NarrativeBreakdown, latest: SeriesPoint | null, unit: string): Fact[] {
  const { dim, groups } = breakdown;
  if (!isKnown(latest)) return [];
  const before = stepBack(latest);
  const at = (g: NarrativeGroup, p: { start: string; end: string } | null) => {
    const point = p ? g.points.find((q) => samePeriod(q, p)) : undefined;
    return isKnown(point) ? point : null;
  };
  const named = groups.filter((g) => g.key !== '*' && g.key !== null);
  const now = named.flatMap((g) => (at(g, latest) ? [{ g, p: at(g, latest)! }] : []));
  if (now.length < 2) return [];
  const facts: Fact[] = [];
  const total = groups.reduce((sum, g) => sum + (at(g, latest)?.value ?? 0), 0);
  const lead = now.reduce((a, b) => (b.p.value > a.p.value ? b : a));
  const rates = unit === 'percent';
  facts.push({
    kind: 'leader',
    dim,
    key: lead.g.key,
    at: valued(lead.p),
    share: rates || total <= 0 ? null : lead.p.value / total
  });

  const totalBefore = groups.reduce((sum, g) => sum + (at(g, before)?.value ?? 0), 0);
  const grown = now.flatMap(({ g, p }) => {
    const q = at(g, before);
    if (!q || q.value <= 0 || (!rates && q.value < FASTEST_MIN_SHARE * totalBefore)) return [];
    return [{ g, p, q, change: (p.value - q.value) / q.value }];
  });
  if (grown.length >= 2) {
    const fast = grown.reduce((a, b) => (b.change > a.change ? b : a));
    if (fast.change > 0)
      facts.push({ kind: 'fastest', dim, key: fast.g.key, from: valued(fast.q), to: valued(fast.p), change: fast.change });
  }
  return facts;
}
