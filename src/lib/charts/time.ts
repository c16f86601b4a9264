import { dayToDate } from '$lib/i18n/format';

const DAY = 86_400_000;

/** Where a period starts on a time axis. */
export function startOf(day: string): Date {
  return dayToDate(day);
}

/** Where a period ends on a time axis: the end of its last day, so a year fills its whole width. */
export function endOf(day: string): Date {
  return new Date(dayToDate(day).getTime() + DAY);
}

/** The middle of a period, where a stock's point is placed. */
export function middleOf(start: string, end: string): Date {
  return new Date((startOf(start).getTime() + endOf(end).getTime()) / 2);
}
