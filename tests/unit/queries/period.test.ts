import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { normalisePeriodQuery } from '$lib/queries/period';
import { engineWith } from './engine';

let db: Connector;
beforeAll(async () => {
  db = await engineWith([]);
});

const norm = async (p: string) => (await db.query(normalisePeriodQuery(p)))[0];

describe('period normalisation (DuckDB macros shared by browser, server and tests)', () => {
  it.each([
    ['2019', 'year', '2019-01-01', '2019-12-31'],
    ['2019-2020', 'fiscal_year', '2019-04-01', '2020-03-31'],
    ['2019-Q1', 'quarter', '2019-01-01', '2019-03-31'],
    ['2019-Q3', 'quarter', '2019-07-01', '2019-09-30'],
    ['2019-q4', 'quarter', '2019-10-01', '2019-12-31'],
    ['2019-07', 'month', '2019-07-01', '2019-07-31'],
    ['2020-02', 'month', '2020-02-01', '2020-02-29'],
    ['2019-11-29', 'day', '2019-11-29', '2019-11-29'],
    ['2012/2015', 'interval', '2012-01-01', '2015-12-31'],
    [' 2019-2020 ', 'fiscal_year', '2019-04-01', '2020-03-31']
  ])('%s → %s %s … %s', async (period, granularity, start, end) => {
    expect(await norm(period)).toEqual({ granularity, start, end });
  });

  it('puts fiscal-year edges on April 1 and March 31 (Québec fiscal year)', async () => {
    const fy = await norm('2020-2021');
    expect(fy).toMatchObject({ start: '2020-04-01', end: '2021-03-31' });
    // The day before a fiscal year starts belongs to the previous one.
    expect((await norm('2019-2020'))?.end).toBe('2020-03-31');
  });

  it.each(['2019-2021', '2019-13', '2019-Q5', '2019-02-30', '2015/2012', 'FY2019', '19-20', '', 'abc'])(
    'does not understand %j (no guessed date)',
    async (period) => {
      expect(await norm(period)).toEqual({ granularity: null, start: null, end: null });
    }
  );
});
