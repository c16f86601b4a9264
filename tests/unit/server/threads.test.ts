import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectNode } from '$lib/db/connector.node';
import { freshEngine, serverEngine } from '$lib/server/engine';
import { publishImport } from '$lib/server/publish';
import { createServices, services, useServices } from '$lib/server/services';
import { history } from '$lib/server/versions';
import { tempStore } from './helpers';

// The server's own thread must never run DuckDB: its statements are synchronous, and while one runs
// (a second each on a million rows) no other request is answered. Count the engines started here.
vi.mock('$lib/db/connector.node', async (original) => {
  const real = await original<typeof import('$lib/db/connector.node')>();
  return { ...real, connectNode: vi.fn(real.connectNode) };
});

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

beforeAll(async () => useServices(createServices(await tempStore('file'))));
afterAll(() => useServices(undefined));

describe('heavy work runs in worker threads, never on the thread that answers requests', () => {
  it('loading the data, validating a publish, reloading, comparing versions: no DuckDB started on this thread', async () => {
    const first = await serverEngine();
    expect(first.manifest.length).toBeGreaterThan(3);
    const path = join(services().root, 'upload.csv');
    await writeFile(path, 'indicator_id,period,value\ntournees_soutenues,2030-2031,4321\n');
    const decisions = {
      dataset: 'observations/imports-fils.csv',
      mode: 'replace' as const,
      dialect: {},
      mapping: undefined,
      indicatorMap: {},
      described: [],
      levels: {},
      expectAccepted: 1
    };
    const outcome = await publishImport({ name: 'marie', role: 'editor' }, 'fils.csv', path, decisions);
    expect(outcome).toMatchObject({ ok: true, rows: 1, accepted: 1 });
    // The publish answers once the server's engine holds the new version.
    const { db } = await serverEngine();
    expect(
      await db.query({ sql: "SELECT value FROM observations WHERE period = '2030-2031' AND indicator_id = 'tournees_soutenues'" })
    ).toEqual([{ value: 4321 }]);
    expect((await freshEngine()).db).toBe(db);
    const entry = (await history()).find((d) => d.name === 'observations/imports-fils.csv')!;
    expect(entry.versions[0]!.changes).toMatchObject({ rows: 1, added: 1 });
    expect(vi.mocked(connectNode)).not.toHaveBeenCalled();
  });
});
