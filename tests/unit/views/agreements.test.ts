import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '$lib/queries/observations';
import { countBy, cumulate } from '$lib/views/agreements';

const point = (period: string, start: string, end: string, value: number): SeriesPoint => ({
  indicator_id: 'ententes_nouvelles',
  period,
  start,
  end,
  granularity: period.includes('/') ? 'interval' : 'year',
  value,
  sample: false,
  note: null,
  source: null
});

describe('cumulate', () => {
  it('counts an agreement known only within 2016/2020 from 2016 at the earliest and from 2020 at the latest', () => {
    const { early, late } = cumulate([
      point('2016', '2016-01-01', '2016-12-31', 2),
      point('2016/2020', '2016-01-01', '2020-12-31', 2),
      point('2018', '2018-01-01', '2018-12-31', 1)
    ]);
    expect(early.map((p) => [p.period, p.value])).toEqual([
      ['2016', 4],
      ['2017', 4],
      ['2018', 5],
      ['2019', 5],
      ['2020', 5]
    ]);
    expect(late.map((p) => [p.period, p.value])).toEqual([
      ['2016', 2],
      ['2017', 2],
      ['2018', 3],
      ['2019', 3],
      ['2020', 5]
    ]);
  });

  it('is empty without data', () => {
    expect(cumulate([])).toEqual({ early: [], late: [] });
  });
});

describe('countBy', () => {
  it('counts by key, largest first', () => {
    expect(countBy(['a', 'b', 'b', null], (x) => x)).toEqual([
      { key: 'b', n: 2 },
      { key: '', n: 1 },
      { key: 'a', n: 1 }
    ]);
  });
});
