import { appendFile, cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listCurrent, manifestVersion, readCurrentBytes, textOf, versionOf } from '$lib/server/current';
import { serverEngine } from '$lib/server/engine';
import { createServices, useServices } from '$lib/server/services';
import { GET } from '../../../src/routes/api/datasets/[...name]/+server';
import { requestEvent } from './events';
import { tempStore } from './helpers';

// The route reads the server's engine, loaded in a worker thread: seconds on a busy machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const NAME = 'agreements.csv';
let data: string;
beforeAll(async () => {
  data = await tempStore();
  await cp('data', data, { recursive: true });
  process.env.VIGIE_DATA_DIR = data;
  useServices(createServices(await tempStore()));
});
afterAll(() => {
  delete process.env.VIGIE_DATA_DIR;
  useServices(undefined);
});

const current = async () => (await listCurrent()).find((d) => d.name === NAME)!;

/** GET /api/datasets/agreements.csv?v=…&raw=1 as the browser's engine asks it: its cache header and text. */
async function download(version: string): Promise<{ cache: string | null; text: string }> {
  const event = await requestEvent({ path: `/api/datasets/${NAME}?v=${version}&raw=1`, params: { name: NAME } });
  const res = await GET(event as never);
  return { cache: res.headers.get('cache-control'), text: await res.text() };
}

describe("a shipped dataset's version, as its download tells the browser", () => {
  it('is the hash of its content, kept until the file changes, then the new content’s', async () => {
    const before = await current();
    const bytes = await readCurrentBytes(before);
    const v1 = versionOf(before, bytes);
    expect(v1).toBe(manifestVersion(0, textOf(bytes)));
    expect(versionOf(before, bytes)).toBe(v1);
    const { manifest } = await serverEngine();
    expect(manifest.find((e) => e.name === NAME)?.version).toBe(v1); // what the browser asks with
    await expect(download(v1)).resolves.toMatchObject({ cache: 'public, max-age=31536000, immutable' });

    // The file changes (a line added): the old version is no longer what is sent.
    await appendFile(join(data, NAME), 'Partenaire test,FRA,entente,culture,2030,false,true,Test\n');
    const after = await current();
    expect(after.stamp).not.toBe(before.stamp);
    const text = await readFile(join(data, NAME), 'utf8');
    const v2 = versionOf(after, await readCurrentBytes(after));
    expect(v2).toBe(manifestVersion(0, text));
    expect(v2).not.toBe(v1);
    const sent = await download(v1);
    expect(sent.cache).toBe('no-cache'); // not kept by the browser under the old version's URL
    expect(sent.text).toContain('Partenaire test');
  });
});
