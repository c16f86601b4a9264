#!/usr/bin/env node
// `npm run bench:publish`: does the server keep answering while a 1,000,000-row file is published?
// Builds the app if needed (bench/lib/build.mjs), starts `node build` on a store of its own with an
// editor, and times GET /api/manifest and GET / — idle first, then while the file is published
// (uploaded, validated, stored, loaded), then right after — all in one run, so the ratios hold on a
// noisy machine. Prints p50/p99 per phase and writes the figures as JSON.
//
//   npm run bench:publish                     1,000,000 rows, 20 s idle
//   options: --rows N  --idle SECONDS  --out FILE (default bench-publish.json in the system's temp folder)
import { spawn } from 'node:child_process';
import { openAsBlob, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildIsFresh } from '../bench/lib/build.mjs';
import { freePort } from '../bench/lib/server.mjs';
import { percentile } from '../bench/lib/stats.mjs';
import { importFile } from '../bench/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROWS = Number(option('rows', 1_000_000));
const IDLE_S = Number(option('idle', 20));
const OUT = option('out', join(tmpdir(), 'bench-publish.json'));
const BUILD = process.env.VIGIE_BUILD_DIR ?? 'build';
const EDITOR = { name: 'bench', password: 'mot-de-passe-du-banc' };
const log = (...m) => console.log(`[bench:publish ${((performance.now() / 1000) | 0).toString().padStart(4)} s]`, ...m);

function run(cmd, argv, env, input) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.stdin.end(input);
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${cmd} ${argv.join(' ')}: ${code}\n${out}`))));
  });
}

/** Requests `path` one after the other, every `everyMs`, until `until()`; returns each one's time in ms. */
async function sample(url, path, everyMs, until) {
  const times = [];
  while (!until()) {
    const started = performance.now();
    const res = await fetch(url + path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    const ms = performance.now() - started;
    times.push(ms);
    if (ms < everyMs) await new Promise((r) => setTimeout(r, everyMs - ms));
  }
  return times;
}

/** Both paths sampled side by side until `until()`. */
async function phase(url, until) {
  const [manifest, page] = await Promise.all([sample(url, '/api/manifest', 100, until), sample(url, '/', 250, until)]);
  return { manifest, page };
}

const fmt = (times) => ({
  n: times.length,
  p50: Math.round(percentile(times, 50) * 10) / 10,
  p99: Math.round(percentile(times, 99) * 10) / 10,
  max: Math.round(Math.max(...times) * 10) / 10
});

const work = mkdtempSync(join(tmpdir(), 'vigie-bench-publish-'));
let server;
try {
  if (!buildIsFresh(ROOT, BUILD)) {
    log(`building into ${BUILD}/ …`);
    await build(ROOT, BUILD);
  }
  const file = join(work, 'million.csv');
  log(`writing ${ROWS} rows …`);
  const { bytes } = importFile(file, ROWS);
  const store = join(work, 'store');
  await run(
    process.execPath,
    ['scripts/user.mjs', 'add', EDITOR.name, '--role', 'editor', '--password-stdin'],
    { VIGIE_STORE_DIR: store },
    EDITOR.password
  );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [BUILD], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', VIGIE_STORE_DIR: store, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let serverLog = '';
  server.stdout.on('data', (c) => (serverLog += c));
  server.stderr.on('data', (c) => (serverLog += c));
  for (let ok = false; !ok;) {
    if (server.exitCode !== null) throw new Error(`node ${BUILD} exited:\n${serverLog}`);
    ok = (await fetch(`${url}/`).catch(() => null))?.status === 200;
    if (!ok) await new Promise((r) => setTimeout(r, 250));
  }
  // A few requests first, so that idle is the steady state and not the first page.
  await phase(
    url,
    (
      (n) => () =>
        n-- <= 0
    )(5)
  );

  log(`idle, ${IDLE_S} s …`);
  const idleUntil = performance.now() + IDLE_S * 1000;
  const idle = await phase(url, () => performance.now() > idleUntil);

  const signin = await fetch(`${url}/connexion?/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(EDITOR)
  });
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0];
  const form = new FormData();
  form.set('decisions', JSON.stringify({ mode: 'replace' }));
  form.set('file', new File([await openAsBlob(file)], 'million.csv', { type: 'text/csv' }));
  log(`publishing ${ROWS} rows (${(bytes / 1048576).toFixed(1)} MB) …`);
  let published = false;
  const started = performance.now();
  const publish = fetch(`${url}/api/publish`, { method: 'POST', headers: { origin: url, cookie }, body: form })
    .then(async (res) => ({ status: res.status, body: await res.json() }))
    .finally(() => (published = true));
  const during = await phase(url, () => published);
  const outcome = await publish;
  const publishMs = performance.now() - started;
  if (outcome.status !== 200) throw new Error(`publish answered ${outcome.status}: ${JSON.stringify(outcome.body)}`);

  // Right after: the new data are already loaded (the publish answers once they are).
  const firstAfter = performance.now();
  await (await fetch(`${url}/`)).arrayBuffer();
  const firstAfterMs = performance.now() - firstAfter;
  const afterUntil = performance.now() + 5000;
  const after = await phase(url, () => performance.now() > afterUntil);

  const result = {
    rows: ROWS,
    bytes,
    publishMs: Math.round(publishMs),
    accepted: outcome.body.accepted,
    firstPageAfterMs: Math.round(firstAfterMs),
    idle: { manifest: fmt(idle.manifest), page: fmt(idle.page) },
    during: { manifest: fmt(during.manifest), page: fmt(during.page) },
    after: { manifest: fmt(after.manifest), page: fmt(after.page) }
  };
  result.targets = {
    manifestP99DuringUnder100ms: result.during.manifest.p99 < 100,
    pageP99DuringUnderTwiceIdle: result.during.page.p99 < 2 * result.idle.page.p99
  };
  writeFileSync(OUT, JSON.stringify(result, null, 1));
  console.log('');
  console.log(
    `Publish of ${ROWS} rows: ${(publishMs / 1000).toFixed(1)} s (upload, validation, store, load); ${result.accepted} values accepted.`
  );
  console.log('                      p50 ms    p99 ms    max ms    requests');
  for (const p of ['idle', 'during', 'after'])
    for (const [k, label] of [
      ['manifest', '/api/manifest'],
      ['page', 'GET /']
    ]) {
      const r = result[p][k];
      console.log(
        `${p.padEnd(7)} ${label.padEnd(14)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(9)} ${String(r.max).padStart(9)} ${String(r.n).padStart(10)}`
      );
    }
  console.log(`First page after the publish: ${result.firstPageAfterMs} ms.`);
  console.log(
    `Targets: /api/manifest p99 during < 100 ms: ${result.targets.manifestP99DuringUnder100ms ? 'met' : 'MISSED'}; ` +
      `GET / p99 during < 2 × idle p99 (${(2 * result.idle.page.p99).toFixed(1)} ms): ${result.targets.pageP99DuringUnderTwiceIdle ? 'met' : 'MISSED'}.`
  );
  console.log(`Figures: ${OUT}`);
} finally {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
