import { describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { DIMENSIONS, NO_FILTERS, type Filters } from '$lib/queries/filters';
import {
  breakdownQuery,
  breakdownQueryDirect,
  filterOptionsQuery,
  seriesQuery,
  seriesQueryDirect,
  type BreakdownPoint,
  type SeriesPoint
} from '$lib/queries/observations';
import { engineWith } from './engine';
import { filterShapes, shippedShapes, small } from './shapes';

// The rollups (pre-aggregated observations) must answer exactly what the observations answer: every
// filter shape reads another rollup, so each shape is compared with the query over the observations.

/** Compares the series of `ids`, and the breakdowns of `split` by every dimension, under each filter. */
async function expectSame(db: Connector, ids: string[], filters: Filters[], split: string[]) {
  for (const f of filters) {
    const direct = await db.query<SeriesPoint>(seriesQueryDirect(ids, f));
    expect(await db.query<SeriesPoint>(seriesQuery(ids, f)), JSON.stringify(f)).toEqual(direct);
    if (f.from !== null) continue; // breakdowns: every dimension shape, one period shape
    for (const id of split) {
      for (const dim of DIMENSIONS) {
        const rows = await db.query<BreakdownPoint>(breakdownQueryDirect(id, dim, f));
        expect(await db.query<BreakdownPoint>(breakdownQuery(id, dim, f)), `${id} by ${dim} ${JSON.stringify(f)}`).toEqual(rows);
      }
    }
  }
}

// Hundreds of statements on the wasm engine: more than the default 5 s on a busy machine.
const SLOW = 120_000;

describe('rollups', () => {
  it(
    'answer as the observations do: sums, averages of percents, missing values, notes and sources',
    async () => {
      const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text: small }]);
      const shapes = filterShapes(
        { region: ['Europe', 'États-Unis'], discipline: ['Musique', 'Danse'], program: ['Exportation', 'Tournées'] },
        [2018, 2019, 2020]
      );
      await expectSame(db, ['tours', 'rate', 'offices'], shapes, ['tours', 'rate']);
      // The cases that would go wrong: an average of averages, a sum of missing values, merged notes.
      const rows = await db.query<SeriesPoint>(seriesQuery(['tours', 'rate', 'offices'], NO_FILTERS));
      expect(rows.map((r) => [r.indicator_id, r.period, r.value, r.note])).toEqual([
        ['offices', '2019-02', 32, null],
        ['offices', '2020-02', 34, 'note a · note b'],
        ['rate', '2019', 60, null],
        ['rate', '2020', null, null],
        ['tours', '2018-2019', 22, 'révisé'],
        ['tours', '2019-2020', 12, 'x : confidentiel'],
        ['tours', '2020-2021', null, 'suppressed']
      ]);
    },
    SLOW
  );

  it(
    'answer as the observations do on the shipped data, for every filter shape',
    async () => {
      const { db, ids, shapes } = await shippedShapes();
      // Every indicator's series; the breakdowns of the one with every dimension, and of a percent.
      await expectSame(db, ids, shapes, ['tournees_soutenues', 'taux_autofinancement']);
    },
    SLOW
  );

  it('give the filter bar the values the observations hold', async () => {
    const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text: small }]);
    const direct = await db.query({
      sql: `SELECT 'region' AS dimension, region AS value FROM observations WHERE region IS NOT NULL GROUP BY region
UNION ALL SELECT 'discipline', discipline FROM observations WHERE discipline IS NOT NULL GROUP BY discipline
UNION ALL SELECT 'program', program FROM observations WHERE program IS NOT NULL GROUP BY program
UNION ALL SELECT 'year', CAST(year(period_start) AS VARCHAR) FROM observations GROUP BY year(period_start)
ORDER BY dimension, value`
    });
    expect(await db.query(filterOptionsQuery())).toEqual(direct);
  });
});
