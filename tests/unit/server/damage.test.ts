import { chmod, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshEngine, serverEngine } from '$lib/server/engine';
import { createServices, services, useServices } from '$lib/server/services';
import { history, restoreVersion } from '$lib/server/versions';
import { csv, tempStore } from './helpers';

// Each case loads the data again in a new worker thread: seconds each on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

const EDITOR = { name: 'marie', role: 'editor' as const };
const NAME = 'observations/mesures.csv';
let errors: string[] = [];

beforeEach(async () => {
  const data = await tempStore();
  await cp('data', data, { recursive: true });
  process.env.VIGIE_DATA_DIR = data;
  useServices(createServices(await tempStore()));
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
});
afterEach(() => {
  delete process.env.VIGIE_DATA_DIR;
  useServices(undefined);
  vi.restoreAllMocks();
});

/** What the server's engine holds for one indicator and period (null when nothing). */
async function value(indicator = 'tournees_soutenues', period = '2030-2031'): Promise<number | null> {
  const { db } = await serverEngine();
  const [row] = await db.query<{ v: number | null }>({
    sql: 'SELECT sum(value) AS v FROM observations WHERE indicator_id = ? AND period = ?',
    params: [indicator, period]
  });
  return row?.v ?? null;
}

/** The rest of the site: the catalogue and the sample observations are there. */
async function restIsUp(): Promise<void> {
  const { db, manifest } = await freshEngine();
  expect(manifest.map((m) => m.name)).toEqual(expect.arrayContaining(['indicators.csv', 'observations/sample.csv']));
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>({
    sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM observations WHERE is_sample'
  });
  expect(n).toBeGreaterThan(1000);
}

const blobOf = (sha: string) => join(services().root, 'blobs', sha.slice(0, 2), `${sha}.csv`);

describe('one damaged dataset affects only itself', () => {
  it('a version whose content no longer matches its hash is left out, named with the reason and its file; restoring a good version repairs it', async () => {
    const { store } = services();
    await store.publish(NAME, csv(111), { by: 'marie' });
    const v2 = await store.publish(NAME, csv(222), { by: 'marie' });
    expect(await value()).toBe(222);
    await chmod(blobOf(v2.sha256!), 0o644);
    await writeFile(blobOf(v2.sha256!), 'indicator_id,period,value\ntournees_soutenues,2030-2031,666\n');
    // The stamp is the manifest's: force a new load as a restart would.
    await store.publish('observations/autre.csv', csv(1, 'tournees_soutenues', '2031-2032'), { by: 'marie' });

    const { damaged, manifest } = await freshEngine();
    expect(damaged).toEqual([expect.objectContaining({ name: NAME, code: 'corrupt', shipped: false, file: blobOf(v2.sha256!) })]);
    expect(manifest.some((m) => m.name === NAME)).toBe(false);
    expect(await value()).toBe(null); // never the altered 666
    await restIsUp();
    expect(errors.join('\n')).toContain(`dataset ${NAME} left out (corrupt`);
    expect(errors.join('\n')).toContain(blobOf(v2.sha256!));

    const entry = (await history()).find((d) => d.name === NAME)!;
    expect(entry.damage).toMatchObject({ name: NAME, code: 'corrupt' });
    expect(JSON.stringify(entry.damage)).not.toContain(services().root); // pages are not told paths
    expect(entry.versions.map((v) => v.version)).toEqual([2, 1]);

    await expect(restoreVersion(EDITOR, NAME, 2)).rejects.toMatchObject({ code: 'already_current' });
    await restoreVersion(EDITOR, NAME, 1);
    expect((await serverEngine()).damaged).toEqual([]);
    expect(await value()).toBe(111);
  });

  it('a manifest cut short: the dataset is left out, the versions before the cut are listed and restorable, and numbers are never given twice', async () => {
    const { store, root } = services();
    await store.publish(NAME, csv(111), { by: 'marie' });
    await store.publish(NAME, csv(222), { by: 'marie' });
    const path = join(root, 'datasets', `${encodeURIComponent(NAME)}.json`);
    const whole = await readFile(path, 'utf8');
    await writeFile(path, whole.slice(0, whole.lastIndexOf('"sha256"')));

    const { damaged } = await freshEngine();
    expect(damaged).toEqual([expect.objectContaining({ name: NAME, code: 'manifest' })]);
    expect(await value()).toBe(null);
    await restIsUp();
    const entry = (await history()).find((d) => d.name === NAME)!;
    expect(entry).toMatchObject({ current: null, damage: { code: 'manifest' } });
    expect(entry.versions.map((v) => v.version)).toEqual([1]);

    const restored = await restoreVersion(EDITOR, NAME, 1);
    expect(restored.version).toBe(3); // 2 was named by the cut record
    expect(JSON.parse(await readFile(path, 'utf8')).versions.map((v: { version: number }) => v.version)).toEqual([1, 3]);
    expect((await serverEngine()).damaged).toEqual([]);
    expect(await value()).toBe(111);
  });

  it('a malformed CSV in data/ and a cut header in data/indicators.csv: each left out with its reason, the rest loaded', async () => {
    const data = process.env.VIGIE_DATA_DIR!;
    await writeFile(join(data, 'observations', 'casse.csv'), 'indicator_id,period,value\ntournees_soutenues,2030-2031,"5\nx,y\n');
    const { damaged } = await freshEngine();
    expect(damaged).toEqual([expect.objectContaining({ name: 'observations/casse.csv', code: 'malformed', shipped: true })]);
    // A file of data/ has no earlier version to restore: the log says who must act, and what on.
    expect(errors.join('\n')).toContain(`file: ${join(data, 'observations', 'casse.csv')}. The administrator must replace`);
    await restIsUp();

    const indicators = join(data, 'indicators.csv');
    const text = await readFile(indicators, 'utf8');
    await writeFile(indicators, text.replace(/^[^\n]*/, 'indicator_id,ax'));
    const after = await freshEngine();
    expect(after.damaged.map((d) => [d.name, d.code])).toEqual([
      ['indicators.csv', 'header'],
      ['observations/casse.csv', 'malformed']
    ]);
    expect(after.damaged[0]!.detail).toContain('axis');
  });
});
