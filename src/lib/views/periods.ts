import type { PeriodLike } from '$lib/i18n/format';

/**
 * Calendar arithmetic on the data's periods (`YYYY-MM-DD` days, inclusive bounds), as docs/data-format.md
 * defines them: Québec's fiscal year runs April 1 – March 31, quarters are calendar quarters.
 */

/** The kinds of period a series can be read by: the regular ones of the data format (not intervals). */
export const PERIOD_KINDS = ['day', 'month', 'quarter', 'year', 'fiscal_year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Months in a period of each kind (0 for a day). */
const MONTHS: Record<PeriodKind, number> = { day: 0, month: 1, quarter: 3, year: 12, fiscal_year: 12 };

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const parts = (day: string): [number, number, number] => [
  Number(day.slice(0, 4)),
  Number(day.slice(5, 7)),
  Number(day.slice(8, 10))
];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A day as a count of days (UTC), for differences. */
export function dayNumber(day: string): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Days from `start` to `end`, both counted. */
export function daysIn(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

/** The kind of a granularity, or null for one that is not regular (an interval). */
export function kindOf(granularity: string): PeriodKind | null {
  return (PERIOD_KINDS as readonly string[]).includes(granularity) ? (granularity as PeriodKind) : null;
}

/** Months a period of this granularity spans (an interval or an unknown one: Infinity, coarser than any kind). */
export function monthsOf(granularity: string): number {
  const kind = kindOf(granularity);
  return kind === null ? Infinity : MONTHS[kind];
}

/**
 * `compute()`, kept in `maps` under `group` then `day` once worked out: a page asks for the same few
 * hundred periods and days on every filter change (each point's period, the one before it), and
 * building one parses and formats dates. Two levels, so that no key is built per call (a filter change
 * makes thousands). A group's map is emptied when full, so that it stays small.
 */
function kept<G, V>(maps: Map<G, Map<string, V>>, group: G, day: string, compute: () => V): V {
  let map = maps.get(group);
  if (!map) maps.set(group, (map = new Map()));
  let value = map.get(day);
  if (value === undefined) {
    if (map.size >= 4096) map.clear();
    map.set(day, (value = compute()));
  }
  return value;
}

// Frozen: one period object is handed to every caller.
const periods = new Map<PeriodKind, Map<string, Readonly<PeriodLike>>>();

/** The period of a kind that holds a day: `periodOf('fiscal_year', '2026-01-15')` is 2025-2026. */
export function periodOf(kind: PeriodKind, day: string): PeriodLike {
  return kept(periods, kind, day, () => Object.freeze(computePeriod(kind, day)));
}

function computePeriod(kind: PeriodKind, day: string): PeriodLike {
  const [y, m] = parts(day);
  switch (kind) {
    case 'day':
      return { period: day, start: day, end: day, granularity: kind };
    case 'month':
      return { period: `${pad(y, 4)}-${pad(m)}`, start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)), granularity: kind };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      return {
        period: `${pad(y, 4)}-Q${q}`,
        start: iso(y, 3 * q - 2, 1),
        end: iso(y, 3 * q, lastDay(y, 3 * q)),
        granularity: kind
      };
    }
    case 'year':
      return { period: pad(y, 4), start: iso(y, 1, 1), end: iso(y, 12, 31), granularity: kind };
    case 'fiscal_year': {
      const f = m >= 4 ? y : y - 1;
      return { period: `${pad(f, 4)}-${pad(f + 1, 4)}`, start: iso(f, 4, 1), end: iso(f + 1, 3, 31), granularity: kind };
    }
  }
}

const shifted = new Map<number, Map<string, string>>();

/** A day moved by whole months (the day of the month kept, or the month's last when it has fewer). */
export function shiftMonths(day: string, months: number): string {
  return kept(shifted, months, day, () => computeShift(day, months));
}

function computeShift(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return iso(ny, nm, Math.min(d, lastDay(ny, nm)));
}

/** A day moved by whole days. */
export function shiftDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The period of the same kind `n` steps earlier: 2024-2025 before 2025-2026, T4 2025 before T1 2026. */
export function stepBack(p: PeriodLike, n = 1): PeriodLike | null {
  const kind = kindOf(p.granularity);
  if (kind === null) return null;
  return kind === 'day' ? periodOf(kind, shiftDays(p.start, -n)) : periodOf(kind, shiftMonths(p.start, -n * MONTHS[kind]));
}

/** `day` moved back by one period of `p`'s kind: the same point of the previous period (a span to date). */
export function sameDayBefore(p: PeriodLike, day: string): string | null {
  const kind = kindOf(p.granularity);
  if (kind === null) return null;
  return kind === 'day' ? shiftDays(day, -1) : shiftMonths(day, -MONTHS[kind]);
}

/** How many periods of a kind meet the span from `first` to `last` (both days included). */
export function periodCount(kind: PeriodKind, first: string, last: string): number {
  if (kind === 'day') return daysIn(first, last);
  const a = periodOf(kind, first).start;
  const b = periodOf(kind, last).start;
  const months = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  return months / MONTHS[kind] + 1;
}

/** The kind of a span given by its bounds, when it is exactly one period of a kind (a target's period). */
export function kindOfSpan(start: string, end: string): PeriodKind | null {
  for (const kind of ['fiscal_year', 'year', 'quarter', 'month', 'day'] as const) {
    const p = periodOf(kind, start);
    if (p.start === start && p.end === end) return kind;
  }
  return null;
}

/** Whether `inner` lies within `outer`. */
export function within(inner: { start: string; end: string }, outer: { start: string; end: string }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The year a period counts in for a year filter: the fiscal year it falls in (by the year that fiscal
 * year starts) when the indicator is followed by fiscal years, otherwise the calendar year it starts in.
 * A calendar year or an interval keeps its own first year either way.
 */
export function filterYear(p: PeriodLike, years: 'fiscal_year' | 'year'): number {
  const y = Number(p.start.slice(0, 4));
  const kind = kindOf(p.granularity);
  if (years === 'year' || kind === null || kind === 'year') return y;
  return Number(periodOf('fiscal_year', p.start).start.slice(0, 4));
}
