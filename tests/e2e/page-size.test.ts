import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAYS, dailyFolder } from './daily-data';

// Issue 13, item 11: with a million observations over some 13 000 daily periods, GET / returned 20 MB
// of HTML. A chart now reads a long series by coarser periods (views/granularity.ts), so a page's size
// no longer grows with the number of days. The built server, on its own generated data folder.

const ROWS = Number(process.env.VIGIE_PAGE_SIZE_ROWS ?? 1_000_000);
const LIMIT = 300 * 1024;
const root = resolve('.');
let dir = '';
let server: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-daily-'));
  const made = dailyFolder(join(dir, 'data'), ROWS, root);
  expect(made.rows).toBe(ROWS);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [process.env.VIGIE_BUILD_DIR ?? 'build'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      VIGIE_DATA_DIR: join(dir, 'data'),
      VIGIE_STORE_DIR: join(dir, 'store'),
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: base
    },
    stdio: 'ignore'
  });
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/api/manifest`).then(
      (r) => r.ok,
      () => false
    );
    if (ok) return;
    if (server.exitCode !== null) throw new Error(`node build exited (${server.exitCode})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('node build did not answer within 240 s');
}, 300_000);

afterAll(() => {
  server?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** GET `path` as a browser asks it (gzip accepted): the bytes that cross the network, and their encoding. */
function sent(path: string): Promise<{ status: number; encoding: string | undefined; bytes: Buffer }> {
  return new Promise((done, fail) => {
    request(`${base}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) })
      );
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

describe(`pages with ${ROWS.toLocaleString('en')} observations over ${DAYS} daily periods`, () => {
  const sizes: Record<string, number> = {};
  afterAll(() => console.log(`HTML sizes at ${ROWS} daily observations:`, sizes));

  for (const path of [
    '/',
    '/?de=2020&a=2020',
    '/indicateurs/tournees_soutenues',
    '/indicateurs/bureaux_etranger',
    '/rapport',
    '/ententes'
  ]) {
    it(`keeps ${path} under 300 KB of HTML, its charts drawn by coarser periods`, async () => {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      sizes[path] = Buffer.byteLength(html);
      expect(sizes[path]).toBeLessThan(LIMIT);
      // Still every chart: drawn by years (or months for one year), not left out.
      expect(html).toMatch(/<svg role="(?:img|application)"/);
      const marks = [...html.matchAll(/<path d="([^"]*)" fill="#0072B2"/g)].map((m) => m[1]!.split('M').length - 1);
      expect(Math.max(...marks)).toBeLessThanOrEqual(120);
    }, 120_000);
  }

  for (const path of ['/', '/api/model/overview?region=Europe']) {
    it(`sends ${path} gzipped to a browser that accepts it, a fifth of its size or less`, async () => {
      const { status, encoding, bytes } = await sent(path);
      expect(status).toBe(200);
      expect(encoding).toBe('gzip');
      const text = gunzipSync(bytes).toString('utf8');
      sizes[`${path} (gzip)`] = bytes.byteLength;
      expect(text).toMatch(path === '/' ? /<svg role="(?:img|application)"/ : /"panels":\[/);
      expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(text) / 5);
    }, 120_000);
  }
});
