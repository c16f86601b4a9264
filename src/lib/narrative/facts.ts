import type { PeriodLike } from '$lib/i18n/format';
import type { Annotation } from '$lib/queries/annotations';
import type { Dimension } from '$lib/queries/filters';

/*
 * What the written highlights say, before any language: each rule of rules.ts finds facts in a series,
 * fr.ts and en.ts put them into sentences. A fact holds the figures it quotes, so that every sentence
 * can be checked against the chart and the table, and is the same each time.
 */

/** A value and the period it is for. */
export interface Valued {
  period: PeriodLike;
  value: number;
  /** The last day it accounts for, when the period is not over (a total to date, a level so far). */
  through?: string;
}

/** Where an indicator stands against its target, in words. */
export type TargetState =
  /** The target period has a value, and it meets the target. */
  | 'met'
  /** The target period has a value, and it does not. */
  | 'missed'
  /** The target is met before its period. */
  | 'ahead'
  | 'onTrack'
  | 'behind';

/** A projection's outcome for the target period. */
export type ProjectionOutcome =
  /** The projected value meets the target by its period. */
  | 'reached'
  /** It does not, but the interval's favourable end does. */
  | 'missed'
  /** Even the interval's favourable end does not. */
  | 'unreachable';

/** One thing worth saying about an indicator. */
export type Fact =
  /** The series is sample data, not reality. */
  | { kind: 'sample' }
  /** No value at all under the filters. */
  | { kind: 'noData' }
  /** The latest value, against the previous period and the Vision's baseline. */
  | {
      kind: 'latest';
      latest: Valued;
      /** The same kind of period one step earlier (the same days of it, for a total to date). */
      previous: Valued | null;
      /** That period, when it has no value: said, never read as zero. */
      unknownPrevious: PeriodLike | null;
      /** `previous` is the same span of its period as the latest total to date. */
      sameSpan: boolean;
      /** The period that contains the Vision's publication, when it is neither the latest nor the previous. */
      baseline: Valued | null;
      /** Later periods drawn without a value (missing or suppressed). */
      missing: PeriodLike[];
    }
  /** The latest value is the series' highest (or lowest). */
  | { kind: 'record'; high: boolean; at: Valued; since: PeriodLike }
  /** The largest fall or rise from one period to the next, and the event it followed. */
  | { kind: 'move'; rise: boolean; from: Valued; to: Valued; change: number; event: Annotation | null }
  /** After a fall that followed an event: the level before it, regained or not yet. */
  | { kind: 'recovery'; before: Valued; fall: PeriodLike; recovered: PeriodLike | null; latest: Valued }
  /** Where the indicator stands against its target. */
  | { kind: 'target'; state: TargetState; target: number; period: string; progress: number; value: Valued }
  /** The trend projected to the target period. */
  | {
      kind: 'projection';
      outcome: ProjectionOutcome;
      target: number;
      period: PeriodLike;
      value: number;
      low: number;
      high: number;
      /** The first period the projected value meets the target, when later than the target period. */
      later: PeriodLike | null;
      /** The first period it meets it, when by the target period. */
      reachedIn: PeriodLike | null;
      /** The chance given to the interval (0.8: « 8 cas sur 10 »). */
      level: number;
    }
  /** Too few periods to project. */
  | {
      kind: 'tooFew';
      target: number;
      period: PeriodLike;
      used: number;
      needed: number;
      since: PeriodLike | null;
      excluded: number;
    }
  /** In a breakdown: the group that weighs most in the latest period (its share, or its value for rates). */
  | { kind: 'leader'; dim: Dimension; key: string | null; at: Valued; share: number | null }
  /** In a breakdown: the group that grew fastest since the period before. */
  | { kind: 'fastest'; dim: Dimension; key: string | null; from: Valued; to: Valued; change: number };

/** The kinds of fact, for tests and for choosing which to show where. */
export type FactKind = Fact['kind'];
