import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listCurrent, manifestVersion, readCurrentBytes, textOf, versionOf } from '$lib/server/current';
import { serverEngine } from '$lib/server/engine';
import { createServices, services, useServices } from '$lib/server/services';
import { GET } from '../../../src/routes/api/datasets/[...name]/+server';
import { requestEvent } from './events';
import { tempStore } from './helpers';

// The route reads the server's engine, loaded in a worker thread: seconds on a busy machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const NAME = 'agreements.csv';
let data: string;
let storeDir: string;
beforeAll(async () => {
  data = await tempStore('file');
  await cp('data', data, { recursive: true });
  process.env.VIGIE_DATA_DIR = data;
  storeDir = await tempStore('file');
  useServices(createServices(storeDir));
});
afterAll(() => {
  delete process.env.VIGIE_DATA_DIR;
  useServices(undefined);
});

const current = async () => (await listCurrent()).find((d) => d.name === NAME)!;

/** GET /api/datasets/agreements.csv?v=…&raw=1 as the browser's engine asks it. */
async function get(version: string): Promise<Response> {
  const event = await requestEvent({ path: `/api/datasets/${NAME}?v=${version}&raw=1`, params: { name: NAME } });
  return GET(event as never);
}

/** The same download: its cache header and text. */
async function download(version: string): Promise<{ cache: string | null; text: string }> {
  const res = await get(version);
  return { cache: res.headers.get('cache-control'), text: await res.text() };
}

describe("a shipped dataset's version, as its download tells the browser", () => {
  it('is the hash of its content, kept until the file changes, then the new content’s', async () => {
    const before = await current();
    const bytes = await readCurrentBytes(before);
    const v1 = await versionOf(before);
    expect(v1).toBe(manifestVersion(0, textOf(bytes)));
    expect(await versionOf(before)).toBe(v1);
    const { manifest } = await serverEngine();
    expect(manifest.find((e) => e.name === NAME)?.version).toBe(v1); // what the browser asks with
    await expect(download(v1)).resolves.toMatchObject({ cache: 'public, max-age=31536000, immutable' });

    // The file changes (a line added): the old version is no longer what is sent.
    await appendFile(join(data, NAME), 'Partenaire test,FRA,entente,culture,2030,false,true,Test\n');
    const after = await current();
    expect(after.stamp).not.toBe(before.stamp);
    const text = await readFile(join(data, NAME), 'utf8');
    const v2 = await versionOf(after);
    expect(v2).toBe(manifestVersion(0, text));
    expect(v2).not.toBe(v1);
    const sent = await download(v1);
    expect(sent.cache).toBe('no-cache'); // not kept by the browser under the old version's URL
    expect(sent.text).toContain('Partenaire test');
  });

  it('is worked out once for downloads asked at the same moment, not once each', async () => {
    await appendFile(join(data, NAME), 'Partenaire deux,FRA,entente,culture,2031,false,true,Test\n');
    const d = await current();
    const asked = Array.from({ length: 20 }, () => versionOf(d));
    expect(new Set(asked).size).toBe(1); // one reading and hashing of the file, shared
    expect(await asked[0]).toBe(manifestVersion(0, await readFile(join(data, NAME), 'utf8')));
  });
});

describe("a published dataset's download, streamed from the store", () => {
  // A file of several read chunks (64 KiB each), as the engine downloads the published observations.
  const rows = Array.from({ length: 6000 }, (_, i) => `Partenaire ${i},FRA,entente,culture,2030,false,true,Ligne ${i}`);
  const published = new TextEncoder().encode(
    `partner,partner_country,type,scope,signed,cites_2005_convention,in_force,source\n${rows.join('\n')}\n`
  );

  it('sends the stored bytes exactly, with their length, under the version the manifest gives', async () => {
    const record = await services().store.publish(NAME, published, { by: 'marie', fileName: 'ententes.csv' });
    const d = await current();
    expect(d.number).toBe(record.version);
    const version = await versionOf(d);
    const res = await get(version);
    expect(res.headers.get('content-length')).toBe(String(published.byteLength));
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(published);
  });

  it('never sends a content damaged on disk whole: the download fails before its last bytes', async () => {
    const d = await current();
    const blob = join(storeDir, 'blobs', d.record!.sha256!.slice(0, 2), `${d.record!.sha256}.csv`);
    const damaged = Buffer.from(await readFile(blob));
    const middle = damaged.length >> 1;
    damaged[middle] = damaged[middle]! ^ 0x20; // one letter's case, in the middle of the file
    await writeFile(blob, damaged);
    const res = await get(await versionOf(d));
    const reader = res.body!.getReader();
    let received = 0;
    const read = async (): Promise<void> => {
      const { done, value } = await reader.read();
      if (done) return;
      received += value.byteLength;
      return read();
    };
    await expect(read()).rejects.toThrow(/does not match its hash/);
    expect(received).toBeLessThan(published.byteLength); // the reader never had it all
  });
});
