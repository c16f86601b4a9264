import { describe, expect, it } from 'vitest';
import type { Coordinator } from '$lib/coordinator/coordinator';
import { breakdownFromIndex, buildSeriesIndex, seriesFromIndex, type SeriesIndex } from '$lib/coordinator/series-index';
import { loadDatasets } from '$lib/engine/load';
import { DIMENSIONS, NO_FILTERS, type Filters } from '$lib/queries/filters';
import { breakdownQuery, seriesQuery, type BreakdownPoint, type SeriesPoint } from '$lib/queries/observations';
import { INDEX_MAX_ROWS, seriesIndexQuery, type IndexRow } from '$lib/queries/series-index';
import { reportModel } from '$lib/views/report';
import { engineWith } from './engine';
import { filterShapes, shippedShapes, small } from './shapes';

// The browser's coordinator answers filter changes from an index in the page's memory instead of the
// engine: a manager must see exactly the figures the engine would have given, for every filter shape.

/** The index of `ids` as the coordinator builds it. */
async function indexOf(db: Coordinator, ids: string[], byCountry = false): Promise<SeriesIndex | null> {
  return buildSeriesIndex(await db.query<IndexRow>(seriesIndexQuery(ids, byCountry)), byCountry);
}

/** Sums may be added in another order: equal to the last few binary digits. */
function rounded<T extends SeriesPoint>(points: T[]) {
  return points.map((p) => ({ ...p, value: p.value === null ? null : Number(p.value.toPrecision(12)) }));
}

async function expectSame(db: Coordinator, ids: string[], shapes: Filters[]) {
  const index = await indexOf(db, ids);
  expect(index).not.toBeNull();
  let points = 0;
  for (const f of shapes) {
    const engine = await db.query<SeriesPoint>(seriesQuery(ids, f));
    expect(rounded(seriesFromIndex(index!, ids, f)), JSON.stringify(f)).toEqual(rounded(engine));
    points += engine.length;
  }
  expect(points).toBeGreaterThan(0); // the shapes found data: the comparison compared something
}

const SLOW = 120_000;

/** The indicator page's breakdowns, by each dimension (country too), as the engine gives them, under every filter shape. */
async function expectSameBreakdowns(db: Coordinator, ids: string[], shapes: Filters[]) {
  let points = 0;
  for (const id of ids) {
    const [index, byCountry] = [await indexOf(db, [id]), await indexOf(db, [id], true)];
    for (const dim of DIMENSIONS) {
      for (const f of shapes) {
        const engine = await db.query<BreakdownPoint>(breakdownQuery(id, dim, f));
        const memory = breakdownFromIndex((dim === 'country' ? byCountry : index)!, id, dim, f);
        expect(rounded(memory), `${id} by ${dim} ${JSON.stringify(f)}`).toEqual(rounded(engine));
        points += engine.length;
      }
    }
  }
  expect(points).toBeGreaterThan(0);
}

describe('the in-memory series index', () => {
  it(
    'answers as the engine does: sums, averages of percents, missing values, notes and sources',
    async () => {
      const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text: small }]);
      const shapes = filterShapes(
        { region: ['Europe', 'États-Unis'], discipline: ['Musique', 'Danse'], program: ['Exportation', 'Tournées'] },
        [2018, 2019, 2020]
      );
      await expectSame(db, ['tours', 'rate', 'offices'], shapes);
      // And only the indicators asked for, even when the index holds more.
      const index = await indexOf(db, ['tours', 'rate', 'offices']);
      expect(new Set(seriesFromIndex(index!, ['rate'], NO_FILTERS).map((p) => p.indicator_id))).toEqual(new Set(['rate']));
    },
    SLOW
  );

  it(
    'answers as the engine does on the shipped data, for every filter shape',
    async () => {
      const { db, ids, shapes } = await shippedShapes();
      await expectSame(db, ids, shapes);
    },
    SLOW
  );

  it(
    'breaks an indicator down by region, country, discipline or program as the engine does: keys in its order, unsaid last',
    async () => {
      const db = await engineWith(
        [
          {
            name: 'observations/t.csv',
            kind: 'observations',
            text: small.replace(',États-Unis,USA,Danse,Exportation,', ',,USA,Danse,Exportation,')
          }
        ],
        { preaggregate: true }
      );
      const shapes = filterShapes(
        { region: ['Europe', 'États-Unis'], discipline: ['Musique', 'Danse'], program: ['Exportation', 'Tournées'] },
        [2018, 2019, 2020]
      );
      await expectSameBreakdowns(db, ['tours', 'rate', 'offices'], shapes);
      const byRegion = await db.breakdown('tours', 'region', NO_FILTERS);
      expect(byRegion.filter((p) => p.period === '2018-2019').map((p) => [p.key, p.value])).toEqual([
        ['Europe', 17],
        [null, 5]
      ]);
      // By country too, from memory: the engine is not asked again once the index is built.
      await db.breakdown('tours', 'country', NO_FILTERS);
      const asked: string[] = [];
      const query = db.query.bind(db);
      db.query = (q) => (asked.push(q.sql), query(q));
      const byCountry = await db.breakdown('tours', 'country', { ...NO_FILTERS, region: 'Europe' });
      expect(asked).toEqual([]);
      expect(rounded(byCountry)).toEqual(
        rounded(await query<BreakdownPoint>(breakdownQuery('tours', 'country', { ...NO_FILTERS, region: 'Europe' })))
      );
    },
    SLOW
  );

  it(
    'breaks down every indicator of the shipped data as the engine does',
    async () => {
      const { db, ids, shapes } = await shippedShapes();
      await expectSameBreakdowns(
        db,
        ids,
        shapes.filter((_, i) => i % 3 === 0)
      );
    },
    SLOW
  );

  it(
    'gives a report the same panels from memory as from the engine, whichever indicators are ticked',
    async () => {
      const { db, ids, shapes } = await shippedShapes({ preaggregate: true });
      const { db: engineOnly } = await shippedShapes();
      for (const indicators of [null, ids.slice(0, 1), ids.slice(1, 4), ids]) {
        for (const filters of shapes.slice(0, 4)) {
          const params = { filters, indicators };
          const [memory, engine] = [await reportModel(db, params), await reportModel(engineOnly, params)];
          expect(
            memory.panels.map((p) => rounded(p.series)),
            JSON.stringify(params)
          ).toEqual(engine.panels.map((p) => rounded(p.series)));
        }
      }
      // Ticking other indicators reads the index already kept for every indicator a report can show.
      const asked: string[] = [];
      const query = db.query.bind(db);
      db.query = (q) => (asked.push(q.sql), query(q));
      await reportModel(db, { filters: NO_FILTERS, indicators: ids.slice(0, 2) });
      await reportModel(db, { filters: { ...NO_FILTERS, from: 2019 }, indicators: ids.slice(2, 5) });
      expect(asked.filter((sql) => sql.includes(' LIMIT ?') || /\bobservations_by/.test(sql))).toEqual([]);
      // Nor anything else: the catalogue and choices come from the pages' shared basis. (The count works:)
      expect(asked).toEqual([]);
      await db.query({ sql: 'SELECT 1 AS one' });
      expect(asked).toEqual(['SELECT 1 AS one']);
    },
    SLOW
  );

  it('joins notes in the engine’s order, characters beyond U+FFFF included', async () => {
    const text = `indicator_id,period,value,region,country,discipline,program,note,source
tours,2019-2020,1,Europe,FRA,Musique,Exportation,😀 émoji,"Source ""A"", B"
tours,2019-2020,2,Europe,BEL,Danse,Exportation,～ tilde,Source · C
tours,2019-2020,3,Europe,BEL,Danse,Exportation,Zèbre,Source · C
`;
    const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text }]);
    const index = await indexOf(db, ['tours']);
    const [point] = seriesFromIndex(index!, ['tours'], NO_FILTERS);
    expect(point?.note).toBe('Zèbre · ～ tilde · 😀 émoji');
    expect(rounded(seriesFromIndex(index!, ['tours'], NO_FILTERS))).toEqual(
      rounded(await db.query<SeriesPoint>(seriesQuery(['tours'], NO_FILTERS)))
    );
  });

  it('is built again when the data changes, never answering from the old data', async () => {
    const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text: small }], { preaggregate: true });
    const europe: Filters = { ...NO_FILTERS, region: 'Europe' };
    const before = await db.series(['tours'], europe);
    expect(before.map((p) => p.value)).toEqual([17, 12, null]);
    const more = small.replace('tours,2019-2020,12,', 'tours,2019-2020,40,');
    await loadDatasets(db, [{ name: 'observations/t.csv', kind: 'observations', text: more }]);
    expect((await db.series(['tours'], europe)).map((p) => p.value)).toEqual([17, 40, null]);
  });

  it('leaves the engine to answer when the rollup is too large to keep', async () => {
    const db = await engineWith([{ name: 'observations/t.csv', kind: 'observations', text: small }]);
    const [row] = await db.query<IndexRow>(seriesIndexQuery(['tours']));
    expect(buildSeriesIndex(Array.from({ length: INDEX_MAX_ROWS }, () => row!))).not.toBeNull();
    expect(buildSeriesIndex(Array.from({ length: INDEX_MAX_ROWS + 1 }, () => row!))).toBeNull();
  });
});
