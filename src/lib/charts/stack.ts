import type { SeriesPoint } from '$lib/queries/observations';

/** A series to draw: its key (dimension value, or null for the total), colour and points. */
export interface DrawnSeries {
  key: string | null;
  label: string;
  colour: string;
  points: SeriesPoint[];
}

/** One period across all drawn series: its values per series, in series order. */
export interface PeriodColumn {
  id: string;
  period: SeriesPoint;
  values: (number | null)[];
  /** Sum of the known values. */
  total: number;
  uncertain: boolean;
  /** Per series: the data hold the period but not its value (missing or suppressed), drawn as such, never as 0. */
  missing: boolean[];
  /** The period is only partly covered (a total to date): drawn lighter, said in words. */
  partial: boolean;
}

/** Lines up several series on their common periods, in time order. */
export function columnsOf(series: readonly DrawnSeries[]): PeriodColumn[] {
  const byId = new Map<string, PeriodColumn>();
  series.forEach((s, i) => {
    for (const p of s.points) {
      const id = `${p.start}|${p.end}`;
      let col = byId.get(id);
      if (!col) {
        col = {
          id,
          period: p,
          values: series.map(() => null),
          total: 0,
          uncertain: p.granularity === 'interval',
          missing: series.map(() => false),
          partial: false
        };
        byId.set(id, col);
      }
      col.values[i] = p.value;
      col.missing[i] = p.value === null;
      col.partial ||= !!p.partial;
      if (p.value !== null) col.total += p.value;
    }
  });
  // Uncertain intervals first, so precise periods are drawn over them.
  return [...byId.values()].sort((a, b) => Number(b.uncertain) - Number(a.uncertain) || byTime(a, b));
}

/** `YYYY-MM-DD` texts sort as the dates do: plain comparison, no collation needed. */
function before(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTime(a: PeriodColumn, b: PeriodColumn): number {
  return before(a.period.start, b.period.start) || before(a.period.end, b.period.end);
}

/** The columns in plain time order (for the keyboard and the table). */
export function inTimeOrder(columns: readonly PeriodColumn[]): PeriodColumn[] {
  return [...columns].sort(byTime);
}
