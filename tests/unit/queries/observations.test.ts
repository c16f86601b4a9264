import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '$lib/queries/filters';
import { breakdownQuery, seriesQuery, type SeriesPoint } from '$lib/queries/observations';
import { engineWith } from './engine';

const header = 'indicator_id,period,value,region,country,discipline,program,note,source\n';
const tours = `${header}tours,2018-2019,10,Europe,FRA,Musique,,,sample
tours,2018-2019,5,États-Unis,USA,Danse,,,sample
tours,2019-2020,12,Europe,FRA,Musique,,,sample
tours,2019-2020,3,États-Unis,USA,Danse,,,sample
tours,2020-2021,,Europe,FRA,Musique,,suppressed,sample
offices,2019-02,32,,,,,,MRIF
offices,2020-02,33,,,,,,MRIF
rate,2019,40,,,,,,sample
rate,2019,60,,,,,,sample
`;

async function series(text: string, filters = NO_FILTERS, ids = ['tours', 'offices', 'rate']) {
  const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text }]);
  return db.query<SeriesPoint>(seriesQuery(ids, filters));
}

describe('seriesQuery', () => {
  it('sums the leaves of a breakdown per period, in time order', async () => {
    const rows = (await series(tours)).filter((r) => r.indicator_id === 'tours');
    expect(rows.map((r) => [r.period, r.value])).toEqual([
      ['2018-2019', 15],
      ['2019-2020', 15],
      ['2020-2021', null]
    ]);
    expect(rows[0]).toMatchObject({ start: '2018-04-01', end: '2019-03-31', granularity: 'fiscal_year', sample: true });
  });

  it('keeps a suppressed value missing, never zero', async () => {
    const missing = (await series(tours)).find((r) => r.period === '2020-2021');
    expect(missing?.value).toBeNull();
  });

  it('averages percent indicators instead of adding them', async () => {
    const rate = (await series(tours)).find((r) => r.indicator_id === 'rate');
    expect(rate?.value).toBe(50);
  });

  it('filters by region only the indicators that have regions', async () => {
    const rows = await series(tours, { ...NO_FILTERS, region: 'Europe' });
    expect(rows.filter((r) => r.indicator_id === 'tours').map((r) => r.value)).toEqual([10, 12, null]);
    // The offices have no region: a region filter must not blank them.
    expect(rows.filter((r) => r.indicator_id === 'offices').map((r) => r.value)).toEqual([32, 33]);
  });

  it('filters by the year a period starts in', async () => {
    const rows = await series(tours, { ...NO_FILTERS, from: 2019, to: 2019 });
    expect(rows.map((r) => `${r.indicator_id} ${r.period}`)).toEqual(['offices 2019-02', 'rate 2019', 'tours 2019-2020']);
  });

  it('binds filter values: a quote in a region is data, not SQL', async () => {
    const rows = await series(tours, { ...NO_FILTERS, region: "Europe' OR '1'='1" });
    expect(rows.filter((r) => r.indicator_id === 'tours')).toEqual([]);
  });

  it('lets real data replace sample data of the same indicator', async () => {
    const real = `${tours}tours,2021-2022,99,,,,,,Rapport annuel\n`;
    const rows = (await series(real)).filter((r) => r.indicator_id === 'tours');
    expect(rows.map((r) => [r.period, r.value, r.sample])).toEqual([['2021-2022', 99, false]]);
  });
});

describe('the observations a load keeps', () => {
  it('hides the rows a later "replace" dataset gives again, per indicator and period, and nothing else', async () => {
    const first = `${header}tours,2018-2019,10,Europe,,,,,Rapport\ntours,2019-2020,12,Europe,,,,,Rapport\ntours,2019,7,,,,,,Rapport\n`;
    const again = `${header}tours,2019-2020,20,Europe,,,,,Révision\ntours,2019-20x,1,,,,,,Révision\n`;
    const after = `${header}tours,2019-2020,1,Amériques,,,,,Ajout\n`;
    const db = await engineWith([
      { name: 'observations/a.csv', kind: 'observations', text: first },
      { name: 'observations/b.csv', kind: 'observations', text: again, replaces: true },
      { name: 'observations/c.csv', kind: 'observations', text: after }
    ]);
    const rows = await db.query<{ dataset: string; period: string; value: number }>({
      sql: 'SELECT dataset, period, value FROM observations ORDER BY dataset, period'
    });
    // b.csv replaces a.csv's 2019-2020 (same fiscal year), not its 2018-2019 nor its calendar 2019;
    // c.csv, loaded after, is not hidden; the unreadable period 2019-20x is left out.
    expect(rows.map((r) => [r.dataset, r.period, r.value])).toEqual([
      ['observations/a.csv', '2018-2019', 10],
      ['observations/a.csv', '2019', 7],
      ['observations/b.csv', '2019-2020', 20],
      ['observations/c.csv', '2019-2020', 1]
    ]);
  });
});

describe('breakdownQuery', () => {
  it('splits a series by a dimension', async () => {
    const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text: tours }]);
    const rows = await db.query<SeriesPoint & { key: string }>(breakdownQuery('tours', 'region', NO_FILTERS));
    expect(rows.filter((r) => r.period === '2019-2020').map((r) => [r.key, r.value])).toEqual([
      ['Europe', 12],
      ['États-Unis', 3]
    ]);
  });
});
