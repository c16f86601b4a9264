import { describe, expect, it } from 'vitest';
import { Coordinator } from '$lib/coordinator/coordinator';
import { connectNode } from '$lib/db/connector.node';
import type { Connector, SqlQuery } from '$lib/db/types';
import { loadDatasets } from '$lib/engine/load';
import type { DatasetFile } from '$lib/queries/datasets';
import { keptModel } from '$lib/server/model-cache';
import { pageParams } from '$lib/state/url';
import type { OverviewModel } from '$lib/views/overview';
import { pageModel } from '$lib/views/pages';
import { CATALOGUE } from '../queries/engine';
import { small } from '../queries/shapes';

// The server keeps the page models it computed until its data change: the same filters asked again,
// or by many at once, are computed once, and never answered from data that changed since.

const observations: DatasetFile = { name: 'observations/t.csv', kind: 'observations', text: small };
const overview = (query: string) => pageParams('overview', new URLSearchParams(query));
const tours = (m: OverviewModel) => m.panels.find((p) => p.indicator.indicator_id === 'tours')!;

/** An engine loaded with the small data, whose connector counts statements and may fail on demand. */
async function engine() {
  const conn = await connectNode();
  const state = { asked: 0, failNext: false };
  const rec: Connector = {
    ...conn,
    query: async (q: SqlQuery) => {
      state.asked++;
      if (state.failNext) {
        state.failNext = false;
        throw new Error('Out of Memory');
      }
      return conn.query(q);
    }
  };
  const db = new Coordinator(rec);
  await loadDatasets(db, [CATALOGUE, observations]);
  return { db, state };
}

describe('models kept by the server', () => {
  it('computes a page’s model once for the same filters, however many ask at once: the figures of a fresh computation', async () => {
    const { db } = await engine();
    const fresh = await pageModel(db, 'overview', overview('region=Europe'));

    const other = await engine();
    const before = other.state.asked;
    const [first, ...rest] = await Promise.all(
      Array.from({ length: 5 }, () => keptModel(other.db, 'overview', overview('region=Europe')))
    );
    const once = other.state.asked - before;
    expect(once).toBeGreaterThan(0);
    for (const kept of rest) expect(kept).toBe(first);
    expect(JSON.parse(first!.json)).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect(tours(first!.model).series.map((p) => p.value)).toEqual(tours(fresh).series.map((p) => p.value));

    // Asked again: nothing asked of the engine. Other filters: another model.
    const again = await keptModel(other.db, 'overview', overview('region=Europe'));
    expect(again).toBe(first);
    expect(other.state.asked - before).toBe(once);
    const all = await keptModel(other.db, 'overview', overview(''));
    expect(tours(all.model).series.map((p) => p.value)).not.toEqual(tours(first!.model).series.map((p) => p.value));
  });

  it('computes again once the data change, and does not keep a computation that failed', async () => {
    const { db, state } = await engine();
    const before = await keptModel(db, 'overview', overview('region=Europe'));
    expect(tours(before.model).series.map((p) => p.period)).not.toContain('2021-2022');

    const more: DatasetFile = {
      name: 'observations/more.csv',
      kind: 'observations',
      text: 'indicator_id,period,value,region,country,discipline,program,note,source\ntours,2021-2022,99,Europe,FRA,Musique,Tournées,,Rapport\n'
    };
    await loadDatasets(db, [more]);
    const after = await keptModel(db, 'overview', overview('region=Europe'));
    expect(tours(after.model).latest).toMatchObject({ period: '2021-2022', value: 99 });

    const asia = overview('region=Asie');
    state.failNext = true;
    await expect(keptModel(db, 'overview', asia)).rejects.toThrow(/Out of Memory/);
    const retried = await keptModel(db, 'overview', asia);
    expect(retried.model.panels.length).toBe(after.model.panels.length);
  });

  it('freezes what it keeps: a request cannot change the model the next one is sent', async () => {
    const { db } = await engine();
    const kept = await keptModel(db, 'overview', overview(''));
    const point = tours(kept.model).series[0]!;
    expect(() => {
      (point as { value: number | null }).value = 1e9;
    }).toThrow(TypeError);
    expect(() => (kept.model.panels as unknown[]).pop()).toThrow(TypeError);
    expect(tours((await keptModel(db, 'overview', overview(''))).model).series[0]!.value).not.toBe(1e9);
  });
});
