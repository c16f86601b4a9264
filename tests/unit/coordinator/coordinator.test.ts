import { describe, expect, it } from 'vitest';
import { answer, Latest } from '$lib/coordinator/answer';
import { Coordinator } from '$lib/coordinator/coordinator';
import { serverModel } from '$lib/coordinator/remote';
import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import { loadDatasets } from '$lib/engine/load';
import { pageParams } from '$lib/state/url';
import { pageModel, type PageName } from '$lib/views/pages';
import { readDataDir } from '../queries/engine';
import { small } from '../queries/shapes';

const SLOW = 120_000;

/** Numbers to 12 significant digits: sums added in another order differ in their last binary digits. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** A thin connector that counts the statements it runs. */
function counting(db: Connector): Connector & { asked: string[] } {
  const asked: string[] = [];
  return { ...db, asked, query: (q) => (asked.push(q.sql), db.query(q)) };
}

const catalogue = `indicator_id,axis,name_fr,name_en,unit,direction,target,target_period,definition_fr,definition_en,source,measure
tours,tournees,Tournées,Tours,count,up,100,2025-2026,Déf,Def,sample,flow
`;

describe('the coordinator', () => {
  it(
    'gives every page the same model whichever connector answers: the server, the browser from memory, the server connector',
    async () => {
      const conn = await connectNode();
      const server = new Coordinator(conn);
      await loadDatasets(server, (await readDataDir('data')).files);
      const browser = new Coordinator(conn, { preaggregate: true });
      // The server connector: the page's URL parameters over HTTP, the server's view code behind them.
      const fetcher = (async (input: string) => {
        const url = new URL(input, 'http://vigie');
        const page = url.pathname.split('/').at(-1) as PageName;
        const id = url.searchParams.get('id') ?? '';
        url.searchParams.delete('id');
        const model = await pageModel(server, page, pageParams(page, url.searchParams, id));
        return new Response(JSON.stringify(model));
      }) as typeof fetch;
      const asked: [PageName, string, string?][] = [
        ['overview', ''],
        ['overview', 'region=Europe&de=2018'],
        ['overview', 'discipline=Musique&programme=Tournées'],
        ['indicator', '', 'tournees_soutenues'],
        ['indicator', 'par=pays&region=Europe', 'tournees_soutenues'],
        ['indicator', 'par=discipline&de=2019&a=2022', 'tournees_soutenues'],
        ['indicator', 'par=aucune', 'bureaux_etranger'],
        ['agreements', 'de=2017'],
        ['report', 'indicateurs=tournees_soutenues,bureaux_etranger&region=Europe'],
        ['report', 'de=2020'],
        ['catalogue', '']
      ];
      let points = 0;
      for (const [page, query, id = ''] of asked) {
        const params = pageParams(page, new URLSearchParams(query), id);
        const fromServer = await pageModel(server, page, params);
        const fromMemory = await pageModel(browser, page, params);
        const overHttp = await serverModel(page, query, id, fetcher);
        expect(rounded(fromMemory), `${page} ${query} from memory`).toEqual(rounded(fromServer));
        expect(rounded(overHttp), `${page} ${query} over HTTP`).toEqual(rounded(fromServer));
        points += JSON.stringify(fromServer).split('"value":').length - 1;
      }
      expect(points).toBeGreaterThan(100); // the pages held figures: the comparison compared something
    },
    SLOW
  );

  it(
    'forgets what it kept when the data is written: cached reads, kept values, its index',
    async () => {
      const conn = counting(await connectNode());
      const db = new Coordinator(conn, { preaggregate: true });
      const files = [
        { name: 'indicators.csv', kind: 'indicators' as const, text: catalogue },
        { name: 'observations/t.csv', kind: 'observations' as const, text: small }
      ];
      await loadDatasets(db, files);
      const count = { sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM observations' };
      const before = await db.query<{ n: number }>(count);
      const kept = await db.kept('names', () => db.query({ sql: 'SELECT name_fr FROM indicators' }));
      const series = await db.series(['tours'], { from: null, to: null, region: 'Europe', discipline: null, program: null });
      conn.asked.length = 0;
      // Asked again, nothing reaches the engine.
      await db.query(count);
      await expect(db.kept('names', async () => [])).resolves.toBe(kept);
      await db.series(['tours'], { from: 2019, to: null, region: null, discipline: null, program: null });
      expect(conn.asked).toEqual([]);
      const generation = db.generation;

      // A write in a transaction: every answer is asked anew, and says what the data says now.
      await db.transaction(async () => {
        await db.query({ sql: `UPDATE observation_cells SET value = 40 WHERE indicator_id = 'tours' AND period = '2019-2020'` });
        await db.query({ sql: `DELETE FROM observation_cells WHERE indicator_id = 'rate'` });
        const { rebuildDerived } = await import('$lib/engine/load');
        await rebuildDerived(db);
      });
      expect(db.generation).toBeGreaterThan(generation);
      const after = await db.query<{ n: number }>(count);
      expect(after[0]!.n).toBeLessThan(before[0]!.n);
      await expect(db.kept('names', async () => [])).resolves.not.toBe(kept);
      const again = await db.series(['tours'], { from: null, to: null, region: 'Europe', discipline: null, program: null });
      expect(again.map((p) => p.value)).not.toEqual(series.map((p) => p.value));
      expect(again.find((p) => p.period === '2019-2020')?.value).toBeGreaterThan(
        series.find((p) => p.period === '2019-2020')!.value!
      );

      // A transaction that fails writes nothing, and what is read after it is the data as it was.
      await expect(
        db.transaction(async () => {
          await db.query({ sql: 'DELETE FROM observation_cells' });
          throw new Error('refused');
        })
      ).rejects.toThrow('refused');
      await expect(
        db.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM observation_rows' })
      ).resolves.not.toEqual([{ n: 0 }]);
    },
    SLOW
  );
});

describe('who answers in the browser', () => {
  const model = (by: string) => ({ by });
  const ready = new Coordinator({} as Connector);

  it('is the server while the engine loads, the browser once it holds the data, the engine alone for data imported here', async () => {
    let engineReady = false;
    let local = false;
    const asked: string[] = [];
    const from = {
      ready: () => (engineReady ? ready : null),
      engine: async () => (asked.push('engine'), ready),
      server: async () => (asked.push('server'), model('server')),
      localOnly: () => local
    };
    const compute = async () => model('browser');
    await expect(answer(compute, from)).resolves.toEqual({ model: model('server'), by: 'server' });
    engineReady = true;
    await expect(answer(compute, from)).resolves.toEqual({ model: model('browser'), by: 'browser' });
    expect(asked).toEqual(['server']);
    engineReady = false;
    local = true;
    await expect(answer(compute, from)).resolves.toEqual({ model: model('browser'), by: 'browser' });
    expect(asked).toEqual(['server', 'engine']);
    // The server out of reach: the engine answers once it can.
    local = false;
    await expect(answer(compute, { ...from, server: () => Promise.reject(new TypeError('Failed to fetch')) })).resolves.toEqual({
      model: model('browser'),
      by: 'browser'
    });
  });

  it('takes an answer already asked of the server first, even once the engine holds the data, but not for data imported here', async () => {
    let local = false;
    let held: Promise<{ by: string }> | null = Promise.resolve(model('held'));
    const from = {
      ready: () => ready,
      engine: async () => ready,
      server: async () => model('server'),
      localOnly: () => local,
      held: () => held
    };
    const compute = async () => model('browser');
    await expect(answer(compute, from)).resolves.toEqual({ model: model('held'), by: 'server' });
    local = true; // the server never saw this browser's imported data
    await expect(answer(compute, from)).resolves.toEqual({ model: model('browser'), by: 'browser' });
    local = false;
    held = Promise.reject(new TypeError('Failed to fetch')); // a failed one: whoever answers now
    await expect(answer(compute, from)).resolves.toEqual({ model: model('browser'), by: 'browser' });
    held = null;
    await expect(answer(compute, from)).resolves.toEqual({ model: model('browser'), by: 'browser' });
  });

  it('never lets a slow answer overwrite a newer one', async () => {
    const latest = new Latest();
    let release!: () => void;
    const slow = latest.run(() => new Promise<string>((r) => (release = () => r('all regions'))));
    const fast = latest.run(async () => 'Europe');
    await expect(fast).resolves.toEqual({ current: true, value: 'Europe' });
    release();
    await expect(slow).resolves.toEqual({ current: false });
    // Leaving drops what is under way too.
    const pending = latest.run(async () => 'Asie');
    latest.cancel();
    await expect(pending).resolves.toEqual({ current: false });
    // An old request that fails after a newer one was made says nothing: the newer answer stands.
    let fail!: () => void;
    const failing = latest.run(() => new Promise<string>((_, reject) => (fail = () => reject(new Error('HTTP 502')))));
    await expect(latest.run(async () => 'Amériques')).resolves.toEqual({ current: true, value: 'Amériques' });
    fail();
    await expect(failing).resolves.toEqual({ current: false });
  });
});
