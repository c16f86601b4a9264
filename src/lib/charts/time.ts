import { dayToDate } from '$lib/i18n/format';

const DAY = 86_400_000;

// A day's time, by its text: the charts place the same few hundred days again on every filter change,
// and parsing a date costs more than looking it up. Emptied when full, so that it stays small.
const times = new Map<string, number>();

function timeOf(day: string): number {
  let t = times.get(day);
  if (t === undefined) {
    if (times.size >= 4096) times.clear();
    times.set(day, (t = dayToDate(day).getTime()));
  }
  return t;
}

/** Where a period starts on a time axis. */
export function startOf(day: string): Date {
  return new Date(timeOf(day));
}

/** Where a period ends on a time axis: the end of its last day, so a year fills its whole width. */
export function endOf(day: string): Date {
  return new Date(timeOf(day) + DAY);
}

/** The middle of a period, where a stock's point is placed. */
export function middleOf(start: string, end: string): Date {
  return new Date((startOf(start).getTime() + endOf(end).getTime()) / 2);
}
