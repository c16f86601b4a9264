import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '$lib/queries/observations';
import { byPeriods, valueOver } from '$lib/views/accumulate';
import { periodOf } from '$lib/views/periods';

const point = (period: string, start: string, end: string, granularity: string, value: number | null): SeriesPoint => ({
  indicator_id: 'x',
  period,
  start,
  end,
  granularity,
  value,
  sample: false,
  note: null,
  source: 'S'
});
const month = (m: string, value: number | null) => {
  const p = periodOf('month', `${m}-01`);
  return point(p.period, p.start, p.end, 'month', value);
};
const flow = { measure: 'flow', unit: 'count' } as const;
const stock = { measure: 'stock', unit: 'count' } as const;

describe('byPeriods', () => {
  const months = [
    '2024-04',
    '2024-05',
    '2024-06',
    '2024-07',
    '2024-08',
    '2024-09',
    '2024-10',
    '2024-11',
    '2024-12',
    '2025-01',
    '2025-02',
    '2025-03',
    '2025-04',
    '2025-05'
  ];
  const series = months.map((m, i) => month(m, 10 + i));

  it('sums a flow over each fiscal year and marks the year the data stop in as a total to date', () => {
    const years = byPeriods(series, 'fiscal_year', flow);
    expect(years.map((p) => [p.period, p.value, p.partial ?? false, p.through ?? null])).toEqual([
      ['2024-2025', 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21, false, null],
      ['2025-2026', 22 + 23, true, '2025-05-31']
    ]);
  });

  it('reads a stock at the end of each period (its last reading)', () => {
    const quarters = byPeriods(series, 'quarter', stock);
    expect(quarters.map((p) => [p.period, p.value])).toEqual([
      ['2024-Q2', 12],
      ['2024-Q3', 15],
      ['2024-Q4', 18],
      ['2025-Q1', 21],
      ['2025-Q2', 23]
    ]);
    expect(quarters.at(-1)).toMatchObject({ partial: true, through: '2025-05-31' });
  });

  it('averages a percent flow instead of adding it up', () => {
    const rates = [month('2024-01', 40), month('2024-02', 60)];
    expect(byPeriods(rates, 'year', { measure: 'flow', unit: 'percent' })[0]?.value).toBe(50);
  });

  it('keeps a missing month missing: a period with one is incomplete, one with only missing values has none', () => {
    const gaps = [month('2024-01', 5), month('2024-02', null), month('2024-03', 5), month('2024-04', null)];
    const quarters = byPeriods(gaps, 'quarter', flow);
    expect(quarters[0]).toMatchObject({ period: '2024-Q1', value: 10, partial: true, through: '2024-03-31' });
    expect(quarters[1]?.value).toBeNull();
  });

  it('never splits or invents: an interval, or a calendar year among fiscal years, is kept as it is', () => {
    const interval = point('2016/2020', '2016-01-01', '2020-12-31', 'interval', 8);
    const year = point('2024', '2024-01-01', '2024-12-31', 'year', 35);
    const out = byPeriods([interval, year, month('2025-02', 3)], 'fiscal_year', stock);
    expect(out[0]).toBe(interval);
    expect(out[1]).toBe(year);
    expect(out[2]).toMatchObject({ period: '2024-2025', value: 3 });
  });

  it('takes a whole period rather than its parts when the data hold both', () => {
    const fy = point('2024-2025', '2024-04-01', '2025-03-31', 'fiscal_year', 100);
    expect(valueOver([fy, month('2024-05', 7)], periodOf('fiscal_year', '2024-06-01'), flow)).toBe(fy);
  });
});
