import { describe, expect, it } from 'vitest';
import { filterYear, kindOfSpan, periodCount, periodOf, sameDayBefore, shiftMonths, stepBack } from '$lib/views/periods';

describe('period arithmetic', () => {
  it('finds the period of each kind that holds a day (fiscal years run April to March)', () => {
    expect(periodOf('fiscal_year', '2026-01-15')).toEqual({
      period: '2025-2026',
      start: '2025-04-01',
      end: '2026-03-31',
      granularity: 'fiscal_year'
    });
    expect(periodOf('fiscal_year', '2025-04-01').period).toBe('2025-2026');
    expect(periodOf('quarter', '2024-08-31')).toMatchObject({ period: '2024-Q3', start: '2024-07-01', end: '2024-09-30' });
    expect(periodOf('month', '2024-02-10')).toMatchObject({ period: '2024-02', end: '2024-02-29' });
    expect(periodOf('year', '2024-02-10')).toMatchObject({ period: '2024', start: '2024-01-01', end: '2024-12-31' });
  });

  it('gives every caller the same period, which none of them can change for the others', () => {
    // Periods are kept once worked out (a page asks for the same ones on every filter change).
    const first = periodOf('quarter', '2024-08-31');
    expect(periodOf('quarter', '2024-07-01')).toEqual(first);
    expect(() => Object.assign(first, { end: '2024-12-31' })).toThrow(TypeError);
    expect(periodOf('quarter', '2024-08-31').end).toBe('2024-09-30');
    // The same day asked for again after many others is still right (the kept ones are bounded).
    for (let d = 0; d < 5000; d++) periodOf('day', new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10));
    expect(periodOf('quarter', '2024-08-31')).toMatchObject({ period: '2024-Q3', start: '2024-07-01', end: '2024-09-30' });
    expect(shiftMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('steps back one period of the same kind', () => {
    expect(stepBack(periodOf('fiscal_year', '2025-06-01'))?.period).toBe('2024-2025');
    expect(stepBack(periodOf('quarter', '2026-02-01'))?.period).toBe('2025-Q4');
    expect(stepBack(periodOf('month', '2026-03-31'))?.period).toBe('2026-02');
    expect(stepBack(periodOf('day', '2026-03-01'))?.period).toBe('2026-02-28');
    expect(stepBack({ period: '2016/2020', start: '2016-01-01', end: '2020-12-31', granularity: 'interval' })).toBeNull();
  });

  it('moves a day to the same point of the period before, the month end kept in range', () => {
    expect(sameDayBefore(periodOf('fiscal_year', '2025-10-15'), '2025-10-15')).toBe('2024-10-15');
    expect(sameDayBefore(periodOf('year', '2024-02-29'), '2024-02-29')).toBe('2023-02-28');
    expect(shiftMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('counts the periods of a span and names the kind of a span', () => {
    expect(periodCount('fiscal_year', '2019-04-01', '2026-03-31')).toBe(7);
    expect(periodCount('quarter', '2014-01-01', '2025-12-31')).toBe(48);
    expect(periodCount('day', '2024-01-01', '2024-12-31')).toBe(366);
    expect(kindOfSpan('2025-04-01', '2026-03-31')).toBe('fiscal_year');
    expect(kindOfSpan('2025-01-01', '2025-12-31')).toBe('year');
    expect(kindOfSpan('2012-01-01', '2015-12-31')).toBeNull();
  });

  it('counts a month in its fiscal year for an indicator followed by fiscal years, in its calendar year otherwise', () => {
    const feb = periodOf('month', '2021-02-01');
    expect(filterYear(feb, 'fiscal_year')).toBe(2020);
    expect(filterYear(feb, 'year')).toBe(2021);
    // A calendar year keeps its own year, even among fiscal ones.
    expect(filterYear(periodOf('year', '2024-01-01'), 'fiscal_year')).toBe(2024);
  });
});
