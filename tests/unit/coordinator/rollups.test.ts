import { describe, expect, it } from 'vitest';
import { Coordinator } from '$lib/coordinator/coordinator';
import { connectNode } from '$lib/db/connector.node';
import type { Connector, SqlQuery } from '$lib/db/types';
import { loadDatasets } from '$lib/engine/load';
import type { DatasetFile } from '$lib/queries/datasets';
import { NO_FILTERS, type Filters } from '$lib/queries/filters';
import { breakdownQueryDirect, seriesQueryDirect, type BreakdownPoint, type SeriesPoint } from '$lib/queries/observations';
import { small } from '../queries/shapes';

// The coarser rollups are built when a read first needs them, by the coordinator, then kept until the
// data change; a load builds only the finest one and the filter bar's choices.

const catalogue: DatasetFile = {
  name: 'indicators.csv',
  kind: 'indicators',
  text: `indicator_id,axis,name_fr,name_en,unit,direction,target,target_period,definition_fr,definition_en,source,measure
tours,tournees,Tournées,Tours,count,up,100,2025-2026,Déf,Def,sample,flow
rate,tournees,Taux,Rate,percent,up,60,2025-2026,Déf,Def,sample,flow
offices,bureaux,Bureaux,Offices,count,up,,,Déf,Def,MRIF,stock
`
};
const observations: DatasetFile = { name: 'observations/t.csv', kind: 'observations', text: small };
const IDS = ['tours', 'rate', 'offices'];
const europe: Filters = { ...NO_FILTERS, region: 'Europe' };

/** A connector that notes every statement it runs; `before` may act before one runs. */
function recording(db: Connector, before?: (q: SqlQuery) => Promise<void>): Connector & { asked: string[] } {
  const asked: string[] = [];
  return {
    ...db,
    asked,
    query: async (q) => {
      await before?.(q);
      asked.push(q.sql);
      return db.query(q);
    }
  };
}

/** The rollups and filter tables the engine holds, asked of the bare connector (the coordinator caches reads). */
async function rollupTables(conn: Connector): Promise<string[]> {
  const rows = await conn.query<{ name: string }>({
    sql: `SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'observations_by_%' OR table_name = 'filter_options' ORDER BY 1`
  });
  return rows.map((r) => r.name);
}

/** The statements that built `table`. */
const creates = (asked: readonly string[], table: string) =>
  asked.filter((sql) => sql.startsWith(`CREATE OR REPLACE TABLE ${table} AS`));

async function loaded(before?: (q: SqlQuery) => Promise<void>) {
  const conn = await connectNode();
  const rec = recording(conn, before);
  const db = new Coordinator(rec);
  await loadDatasets(db, [catalogue, observations]);
  return { conn, rec, db };
}

describe('rollups built when first asked for', () => {
  it('a load builds the finest rollup and the filter options only; a read builds the coarser one it needs, with the same figures', async () => {
    const { conn, db } = await loaded();
    expect(await rollupTables(conn)).toEqual(['filter_options', 'observations_by_region_discipline_program']);

    const series = await db.series(IDS, europe);
    expect(series).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(IDS, europe)));
    expect(series.find((p) => p.indicator_id === 'tours' && p.period === '2018-2019')?.value).toBe(17);
    // Only the one it reads, from the finest.
    expect(await rollupTables(conn)).toEqual([
      'filter_options',
      'observations_by_region',
      'observations_by_region_discipline_program'
    ]);
    const byProgram = await db.breakdown('tours', 'program', NO_FILTERS);
    expect(byProgram).toEqual(await db.query<BreakdownPoint>(breakdownQueryDirect('tours', 'program', NO_FILTERS)));
    expect(await rollupTables(conn)).toContain('observations_by_program');
  });

  it("forgets them when the data change: the next read gives the new data's figures", async () => {
    const { conn, rec, db } = await loaded();
    const before = await db.series(['tours'], europe);
    expect(before.map((p) => [p.period, p.value])).toEqual([
      ['2018-2019', 17],
      ['2019-2020', 12],
      ['2020-2021', null]
    ]);
    await loadDatasets(db, [
      {
        name: 'observations/more.csv',
        kind: 'observations',
        text: 'indicator_id,period,value,region,source\ntours,2019-2020,30,Europe,sample\n'
      }
    ]);
    // The load dropped the stale copies: their memory goes, and no read can find them.
    expect(await rollupTables(conn)).toEqual(['filter_options', 'observations_by_region_discipline_program']);
    rec.asked.length = 0;
    const after = await db.series(['tours'], europe);
    expect(after.map((p) => [p.period, p.value])).toEqual([
      ['2018-2019', 17],
      ['2019-2020', 42],
      ['2020-2021', null]
    ]);
    expect(after).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(['tours'], europe)));
    expect(creates(rec.asked, 'observations_by_region')).toHaveLength(1);
  });

  it('builds a rollup once however many reads need it at once, and keeps it', async () => {
    const { rec, db } = await loaded();
    rec.asked.length = 0;
    const asia: Filters = { ...europe, region: 'États-Unis' };
    const [a, b, c] = await Promise.all([
      db.series(IDS, europe),
      db.series(IDS, asia),
      db.series(IDS, { ...europe, from: 2019 })
    ]);
    expect(a).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(IDS, europe)));
    expect(b).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(IDS, asia)));
    expect(c.length).toBeGreaterThan(0);
    expect(rec.asked.filter((sql) => sql.startsWith('CREATE'))).toEqual(creates(rec.asked, 'observations_by_region'));
    expect(creates(rec.asked, 'observations_by_region')).toHaveLength(1);
    // Asked again later: read, not built.
    await db.series(['tours'], { ...europe, to: 2020 });
    expect(rec.asked.filter((sql) => sql.startsWith('CREATE'))).toHaveLength(1);
  });

  it('never builds inside an open transaction: the read waits for its end', async () => {
    const { rec, db } = await loaded();
    rec.asked.length = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db.transaction(() => gate);
    const musique: Filters = { ...NO_FILTERS, discipline: 'Musique' };
    let read = false;
    const reading = db.series(['tours'], musique).then((points) => ((read = true), points));
    await new Promise((r) => setTimeout(r, 50));
    expect(read).toBe(false);
    expect(rec.asked.filter((sql) => sql.startsWith('CREATE'))).toEqual([]);
    release();
    await tx;
    const points = await reading;
    const commit = rec.asked.lastIndexOf('COMMIT');
    expect(rec.asked.findIndex((sql) => sql.startsWith('CREATE OR REPLACE TABLE observations_by_discipline AS'))).toBeGreaterThan(
      commit
    );
    expect(points).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(['tours'], musique)));
  });

  it('a failed build reaches the reader and is not kept: the next read builds it', async () => {
    let fail = true;
    const { db } = await loaded(async (q) => {
      if (fail && q.sql.startsWith('CREATE OR REPLACE TABLE observations_by_region AS')) {
        fail = false;
        throw new Error('Out of Memory Error: could not allocate block');
      }
    });
    await expect(db.series(IDS, europe)).rejects.toThrow('Out of Memory');
    expect(await db.series(IDS, europe)).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(IDS, europe)));
  });

  it('builds again and reads again when the data changed between the build and the read', async () => {
    const coordinator: { db?: Coordinator } = {};
    let dropped = false;
    const { db } = await loaded(async (q) => {
      // A load lands between the build and the read, and drops what was built.
      if (!dropped && q.sql.startsWith('SELECT') && q.sql.includes('FROM observations_by_region o')) {
        dropped = true;
        await coordinator.db!.query({ sql: 'DROP TABLE observations_by_region' });
      }
    });
    coordinator.db = db;
    expect(await db.series(IDS, europe)).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(IDS, europe)));
    expect(dropped).toBe(true);
  });
  it('are all built ahead on request (the server, before its data answer): no read builds one then', async () => {
    const { conn, rec, db } = await loaded();
    await db.buildRollups();
    expect(await rollupTables(conn)).toEqual([
      'filter_options',
      'observations_by_discipline',
      'observations_by_discipline_program',
      'observations_by_period',
      'observations_by_program',
      'observations_by_region',
      'observations_by_region_discipline',
      'observations_by_region_discipline_program',
      'observations_by_region_program'
    ]);
    const before = rec.asked.length;
    for (const f of [NO_FILTERS, europe, { ...NO_FILTERS, program: 'CALQ' }, { ...europe, discipline: 'Musique' }])
      expect(await db.series(IDS, f)).toEqual(await db.query<SeriesPoint>(seriesQueryDirect(IDS, f)));
    expect(rec.asked.slice(before).filter((sql) => sql.startsWith('CREATE'))).toEqual([]);
  });
});

/**
 * A load with its summaries built after the rows (the browser's), their build held at its first
 * statement until `release()`: what a read or a transaction does meanwhile is seen.
 */
async function loadedSummariesHeld() {
  const conn = await connectNode();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held = recording(conn, async (q) => {
    if (q.sql.startsWith('CREATE OR REPLACE TABLE indicator_dims')) await gate;
  });
  const db = new Coordinator(held, { preaggregate: true });
  await loadDatasets(db, [catalogue, observations], { summaries: 'after' });
  return { conn, db, release };
}

describe('summaries built after the rows (the browser)', () => {
  it('the load returns once the rows are in; every read, the index too, waits for the summaries and gives the same figures', async () => {
    const { conn, db, release } = await loadedSummariesHeld();
    expect(await rollupTables(conn)).toEqual([]); // loaded, not yet summarised
    const [{ n } = { n: 0 }] = await conn.query<{ n: number }>({
      sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM observations'
    });
    expect(n).toBeGreaterThan(0); // the rows themselves can be read

    let answered = false;
    const fromIndex = db.series(IDS, europe).then((points) => ((answered = true), points));
    const read = db.query<SeriesPoint>(seriesQueryDirect(IDS, europe));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    await db.settled();
    expect(await rollupTables(conn)).toEqual(['filter_options', 'observations_by_region_discipline_program']);
    const within = await loaded();
    expect(await fromIndex).toEqual(await within.db.series(IDS, europe));
    expect(await read).toEqual(await within.db.query<SeriesPoint>(seriesQueryDirect(IDS, europe)));
    expect((await fromIndex).find((p) => p.indicator_id === 'tours' && p.period === '2018-2019')?.value).toBe(17);
  });

  it('a transaction asked for while they are built runs after them, its reads too (an import kept in this browser)', async () => {
    const { db, release } = await loadedSummariesHeld();
    const counted = db.transaction(async () => {
      await db.query({ sql: 'CREATE OR REPLACE TEMP TABLE t AS SELECT 1 AS one' });
      return db.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM filter_options' });
    });
    release();
    const [{ n } = { n: 0 }] = await counted;
    expect(n).toBeGreaterThan(0); // read after the summaries were built, within its own transaction
    await expect(db.settled()).resolves.toBeUndefined();
  });

  it('answers before its rows are compressed, and compresses them before the summaries are built', async () => {
    const { asked: statements, ...rec } = recording(await connectNode());
    const db = new Coordinator(rec, { preaggregate: true });
    await loadDatasets(db, [catalogue, observations], { summaries: 'after' });
    await db.settled();
    const at = (start: string) => statements.findIndex((sql) => sql.startsWith(start));
    const checkpoints = statements.flatMap((sql, i) => (sql.startsWith('CHECKPOINT') ? [i] : []));
    const rows = at('INSERT INTO observation_cells');
    const masks = at('CREATE OR REPLACE TABLE observation_periods'); // the last of the rows' load
    const summaries = at('CREATE OR REPLACE TABLE indicator_dims'); // the first of the summaries
    expect(rows).toBeLessThan(masks);
    expect(checkpoints.filter((i) => i > rows && i < masks)).toEqual([]); // no compression in the load
    expect(checkpoints.filter((i) => i > masks && i < summaries)).toHaveLength(1);
    expect(checkpoints.filter((i) => i > summaries)).toHaveLength(1); // and the summaries' own
  });

  it('loads the catalogue while the observations download, then them: the catalogue built once, the same figures', async () => {
    const conn = await connectNode();
    const rec = recording(conn);
    const db = new Coordinator(rec, { preaggregate: true });
    await loadDatasets(db, [catalogue], { summaries: 'none' });
    expect(await rollupTables(conn)).toEqual([]); // nothing summarised before the observations
    await loadDatasets(db, [observations], { summaries: 'after' });
    await db.settled();
    expect(creates(rec.asked, 'indicators')).toHaveLength(1);
    const within = await loaded();
    expect(await db.series(IDS, europe)).toEqual(await within.db.series(IDS, europe));
    expect(await db.query(seriesQueryDirect(IDS, europe))).toEqual(await within.db.query(seriesQueryDirect(IDS, europe)));
  });

  it('says when the summaries could not be built', async () => {
    const conn = await connectNode();
    const failing: Connector = {
      ...conn,
      query: (q) =>
        q.sql.startsWith('CREATE OR REPLACE TABLE observations_by_')
          ? Promise.reject(new Error('Out of Memory Error: failed to allocate'))
          : conn.query(q)
    };
    const db = new Coordinator(failing);
    await loadDatasets(db, [catalogue, observations], { summaries: 'after' });
    await expect(db.settled()).rejects.toThrow(/Out of Memory/);
  });
});
