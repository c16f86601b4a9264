// The measurements, each in fresh browser contexts against a running server.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freshPage, memorySampler, readRecorder } from './browser.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` in the page until it returns a non-null value. */
async function until(page, fn, arg, timeout = 120_000) {
  const handle = await page.waitForFunction(fn, arg, { timeout, polling: 50 });
  return handle.jsonValue();
}

/** Navigation start → first chart painted (FCP or the frame that drew the first `svg[role=img]`), LCP, TTFB. */
async function coldMetrics(page) {
  await until(page, () => (window.__bench.marks['chart-frame'] !== undefined && window.__bench.fcp !== null ? true : null));
  await sleep(300); // let LCP settle
  const r = await readRecorder(page);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return {
      ttfb: n.responseStart,
      html: n.responseEnd,
      dcl: n.domContentLoadedEventEnd,
      load: n.loadEventEnd,
      htmlBytes: n.encodedBodySize
    };
  });
  return { firstChart: Math.max(r.fcp, r.marks['chart-frame']), fcp: r.fcp, lcp: r.lcp, chartDom: r.marks['chart-dom'], ...nav };
}

/** Cold load of `path` in a fresh context, `runs` times. */
export async function coldLoad(browser, url, path, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await freshPage(browser, url);
    await page.goto(path, { waitUntil: 'load' });
    out.push(await coldMetrics(page));
    await context.close();
  }
  return out;
}

/** Waits for the app's engine (data loaded) and returns its milestones, from navigation start. */
async function engineMetrics(page, timeout = 900_000) {
  await until(
    page,
    () => (document.querySelector('[data-engine="ready"],[data-engine="failed"]') ? true : null),
    undefined,
    timeout
  );
  const r = await readRecorder(page);
  if (r.marks['data-engine:failed'] !== undefined) throw new Error('the browser engine failed to start');
  return {
    connected: r.perf['vigie:duckdb:connected'],
    started: r.perf['vigie:duckdb:start'],
    dataReady: r.marks['data-engine:ready'],
    hydrated: r.marks['data-hydrated:true']
  };
}

/** The bare duckdb-wasm page, cold: navigation start → connected, → first query answered. */
async function bareDuckdb(browser, url) {
  const { context, page } = await freshPage(browser, url);
  await page.goto('/bench/duckdb', { waitUntil: 'load' });
  await until(page, () => (document.querySelector('[data-bench-ready],[data-bench-error]') ? true : null));
  const r = await readRecorder(page);
  await context.close();
  return {
    connected: r.perf['vigie:bench:duckdb-connected'],
    firstQuery: r.perf['vigie:bench:duckdb-ready'],
    started: r.perf['vigie:bench:duckdb-start']
  };
}

/** The JS, CSS and wasm a cold load of `/` fetches, split at hydration; sizes as the build precompressed them. */
export async function firstPageBytes(browser, url, clientDir) {
  const { context, page } = await freshPage(browser, url);
  const response = await page.goto('/', { waitUntil: 'load' });
  await engineMetrics(page);
  const bytes = await bytesOf(page, clientDir, hydrationScripts(response));
  await context.close();
  return bytes;
}

/**
 * The scripts a page needs to hydrate, as SvelteKit names them in its response's `Link` header
 * (`rel="modulepreload"`: the entry, the layout and page nodes, and every chunk they import). A script
 * the page's code imports on its own (the DuckDB library, asked for as the page hydrates) is not one.
 */
function hydrationScripts(response) {
  const link = response?.headers()['link'] ?? '';
  return new Set([...link.matchAll(/<([^>]+)>;\s*rel="modulepreload"/g)].map((m) => new URL(m[1], response.url()).pathname));
}

/**
 * What a page whose engine is ready has fetched: the JS its hydration needs (`hydration`, from
 * `hydrationScripts`), its CSS, the JS it loads besides, and the wasm.
 */
async function bytesOf(page, clientDir, hydration) {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, transfer: e.encodedBodySize }))
  );
  const size = async (file) => {
    if (existsSync(`${file}.gz`)) return { gzip: statSync(`${file}.gz`).size, raw: statSync(file).size };
    if (existsSync(file)) {
      const raw = await readFile(file);
      return { gzip: gzipSync(raw, { level: 9 }).length, raw: raw.length };
    }
    return null;
  };
  const groups = { firstJs: [], firstCss: [], laterJs: [], wasm: [] };
  for (const e of entries) {
    const { pathname } = new URL(e.name);
    const s = await size(join(clientDir, decodeURIComponent(pathname)));
    if (!s) continue;
    const row = { path: pathname, ...s, transfer: e.transfer };
    if (pathname.endsWith('.css')) groups.firstCss.push(row);
    else if (pathname.endsWith('.js')) (hydration.has(pathname) ? groups.firstJs : groups.laterJs).push(row);
  }
  // The worker fetches the wasm itself (not in the page's resource timing): sized from the build.
  const assets = join(clientDir, '_app', 'immutable', 'assets');
  for (const f of existsSync(assets) ? readdirSync(assets) : []) {
    if (/^duckdb-eh.*\.wasm$/.test(f)) groups.wasm.push({ path: f, ...(await size(join(assets, f))) });
  }
  const total = (rows, k) => rows.reduce((a, r) => a + r[k], 0);
  return {
    firstJsGzip: total(groups.firstJs, 'gzip'),
    firstCssGzip: total(groups.firstCss, 'gzip'),
    laterJsGzip: total(groups.laterJs, 'gzip'),
    wasmGzip: total(groups.wasm, 'gzip'),
    wasmRaw: total(groups.wasm, 'raw'),
    files: groups
  };
}

/**
 * DuckDB ready, cold: the app's engine (navigation start → worker up, wasm instantiated, connected) and
 * the bare page's, alternating; plus the app's data loaded (engine state "ready").
 */
export async function duckdbReady(browser, url, runs) {
  const app = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await freshPage(browser, url);
    await page.goto('/', { waitUntil: 'load' });
    app.push(await engineMetrics(page));
    await context.close();
    bare.push(await bareDuckdb(browser, url));
  }
  return { app, bare };
}

/** A seeded sequence of single-select filter changes, each one changing the filters. */
export function filterSequence(options, count, seed = 11) {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const state = { from: null, to: null, region: null, discipline: null, program: null };
  const steps = [];
  const keys = ['from', 'to', 'region', 'discipline', 'program'];
  while (steps.length < count) {
    const key = pick(keys);
    let value;
    if (key === 'from') value = pick([null, ...options.years.filter((y) => state.to === null || y <= state.to)]);
    else if (key === 'to') value = pick([null, ...options.years.filter((y) => state.from === null || y >= state.from)]);
    else value = pick([null, null, ...options[key]]);
    if (value === state[key]) continue;
    // No filter at all is the server's own model, shown without asking the engine: not measured.
    if (Object.entries(state).every(([k, v]) => (k === key ? value : v) === null)) continue;
    state[key] = value;
    steps.push({ index: keys.indexOf(key), value: value === null ? '' : String(value), filters: { ...state } });
  }
  return steps;
}

/** Reads the filter bar's choices from the page. */
export function filterOptionsOf(page) {
  return page.evaluate(() => {
    const selects = [...document.querySelectorAll('.filters select')];
    const values = (s) => [...s.options].map((o) => o.value).filter((v) => v !== '');
    return {
      years: values(selects[0]).map(Number),
      region: values(selects[2]),
      discipline: values(selects[3]),
      program: values(selects[4])
    };
  });
}

/**
 * Applies one filter change as a manager makes it (one select) and times it in the page: change event →
 * the page shows the model computed for the new filters (its `vigie:view-shown` event, sent once Svelte
 * has updated the DOM), then a forced style and layout of the new charts; and → the next frame.
 */
export function applyStep(page, step) {
  return page.evaluate(
    ({ index, value }) =>
      new Promise((resolve, reject) => {
        const select = document.querySelectorAll('.filters select')[index];
        const timer = setTimeout(() => reject(new Error('no repaint within 60 s')), 60_000);
        // Panels out of view catch up once the browser is idle (src/lib/state/offscreen.svelte.ts),
        // marked aria-busy until then: `settled` is when none is left behind.
        const behind = () => document.querySelector('main [data-axis][aria-busy="true"]');
        const settle = (done) => {
          if (!behind()) return done();
          const stuck = setTimeout(() => reject(new Error('a panel out of view was not redrawn within 10 s')), 10_000);
          const watch = new MutationObserver(() => {
            if (behind()) return;
            watch.disconnect();
            clearTimeout(stuck);
            done();
          });
          watch.observe(document.querySelector('main'), { attributes: true, attributeFilter: ['aria-busy'], subtree: true });
        };
        const shown = () => {
          clearTimeout(timer);
          document.body.getBoundingClientRect(); // style and layout of the new charts
          const updated = performance.now() - started;
          requestAnimationFrame(() => {
            const frame = performance.now() - started;
            settle(() => resolve({ updated, frame, settled: performance.now() - started }));
          });
        };
        addEventListener('vigie:view-shown', shown, { once: true });
        const started = performance.now();
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    step
  );
}

/** `count` filter changes on an app page whose engine is ready, with its memory before and after. */
async function filterRun(browser, context, page, count, warmup) {
  const steps = filterSequence(await filterOptionsOf(page), warmup + count);
  for (const step of steps.slice(0, warmup)) await applyStep(page, step);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(300);
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  };
  const memory = await memorySampler(browser, 250);
  const before = { heap: await heap(), renderer: await memory.now() };
  const timings = [];
  let requests = 0; // a filter change should not ask the server for data (the favicon is re-read)
  const onRequest = (r) => ['document', 'fetch', 'xhr'].includes(r.resourceType()) && requests++;
  page.on('request', onRequest);
  for (const step of steps.slice(warmup)) timings.push(await applyStep(page, step));
  page.off('request', onRequest);
  const after = { heap: await heap(), renderer: await memory.now() };
  const { peak } = await memory.stop();
  return { steps: steps.slice(warmup), timings, requests, before, after, peak };
}

/** The floor of a filter change: the overview's queries for each step's filters, replayed bare. */
async function bareQueries(browser, url, steps) {
  const { context, page } = await freshPage(browser, url);
  await page.goto('/bench/queries', { waitUntil: 'load' });
  await until(page, () => (document.querySelector('[data-bench-ready]') ? true : null), undefined, 900_000);
  const bare = [];
  let statements = 0;
  for (const step of steps) {
    const r = await page.evaluate(({ filters }) => window.vigieBench.overview(filters, 1), step);
    bare.push(r.bare[0]);
    statements = r.statements;
  }
  await context.close();
  return { bare, statements };
}

/**
 * Filter changes on `/` (after a few unmeasured ones), the page's memory before and after all of them,
 * then the same filters' queries replayed bare on a page holding the same engine and data.
 */
export async function filterChanges(browser, url, count, { warmup = 3, path = '/', floor: withFloor = true } = {}) {
  const { context, page, errors } = await freshPage(browser, url);
  await page.goto(path, { waitUntil: 'load' });
  await engineMetrics(page);
  const run = await filterRun(browser, context, page, count, warmup);
  await context.close();
  if (!withFloor) return { ...run, steps: undefined, errors };
  const floor = await bareQueries(browser, url, run.steps);
  return { ...run, steps: undefined, ...floor, errors };
}

/**
 * The smoke run (`--quick`): one cold page of `/` gives the first chart, the engine's milestones, the
 * bytes and a few filter changes; then each baseline once, and one import.
 */
export async function smoke(browser, url, clientDir, file, log, indicatorPage) {
  const { context, page, errors } = await freshPage(browser, url);
  const response = await page.goto('/', { waitUntil: 'load' });
  const cold = await coldMetrics(page);
  const engine = await engineMetrics(page);
  const bytes = await bytesOf(page, clientDir, hydrationScripts(response));
  const run = await filterRun(browser, context, page, 5, 1);
  await context.close();
  const indicatorFilters = await filterChanges(browser, url, 5, { warmup: 1, path: indicatorPage, floor: false });
  log('  app pages measured');
  const floor = await bareQueries(browser, url, run.steps);
  const [paint] = await coldLoad(browser, url, '/bench/paint', 1);
  const bare = await bareDuckdb(browser, url);
  const clicked = await firstClick(browser, url, 1);
  const load = await loadAgainstMosaic(browser, url, 1);
  log('  baselines measured');
  const imported = await importRun(browser, url, file, log);
  return {
    cold: { app: [cold], floor: [paint] },
    duckdb: { app: [engine], bare: [bare] },
    load,
    filters: { ...run, steps: undefined, ...floor, errors },
    indicatorFilters,
    firstClick: clicked,
    bytes,
    imported
  };
}

/**
 * One import of `file` through the /importer page's file input (pick → validation report → Load →
 * done), with the page's memory sampled throughout; then, in a fresh page, papaparse and DuckDB's
 * read_csv alone on the same file.
 */
export async function importRun(browser, url, file, log = () => {}) {
  const { context, page, errors } = await freshPage(browser, url);
  await page.goto('/importer', { waitUntil: 'load' });
  await until(
    page,
    () => (document.querySelector('[data-engine="ready"],[data-engine="failed"]') ? true : null),
    undefined,
    600_000
  );
  await sleep(500);
  const memory = await memorySampler(browser, 100);
  const idle = await memory.now();
  memory.reset();
  await page.evaluate(() => {
    window.__bench.longtasks = [];
    document.addEventListener('change', () => performance.mark('vigie:bench:picked'), { capture: true, once: true });
  });
  await page.locator('input[type="file"]').setInputFiles(file);
  await until(
    page,
    () =>
      performance.getEntriesByName('vigie:import:review').length || performance.getEntriesByName('vigie:import:failed').length
        ? true
        : null,
    undefined,
    900_000
  );
  log('  validation report shown');
  const stagePeak = memory.peak;
  const loadButton = page.locator('.actions button.primary');
  await loadButton.waitFor({ state: 'visible' });
  await until(page, () => (document.querySelector('.actions button.primary:not([disabled])') ? true : null));
  await page.evaluate(() => {
    performance.mark('vigie:bench:load-click');
    document.querySelector('.actions button.primary').click();
  });
  await until(
    page,
    () =>
      performance.getEntriesByName('vigie:import:done').length || performance.getEntriesByName('vigie:import:failed').length
        ? true
        : null,
    undefined,
    900_000
  );
  log('  loaded');
  // The charts show the rows at "done"; the copy kept in the browser for the next visit is written after.
  await until(
    page,
    () =>
      performance.getEntriesByName('vigie:import:saved').length ||
      performance.getEntriesByName('vigie:import:failed').length ||
      document.querySelector('.kept.error')
        ? true
        : null,
    undefined,
    900_000
  );
  const { peak } = await memory.stop();
  log('  kept in the browser');
  const r = await readRecorder(page);
  const failed = r.perf['vigie:import:failed'] !== undefined;
  const message = failed
    ? await page
        .locator('[role="alert"]')
        .first()
        .textContent()
        .catch(() => null)
    : null;
  const accepted = await page
    .locator('.done')
    .textContent()
    .catch(() => null);
  await context.close();

  const floor = await freshPage(browser, url);
  await floor.page.goto('/bench/import', { waitUntil: 'load' });
  await floor.page.locator('body[data-hydrated]').waitFor({ state: 'attached' }); // the input listens
  await floor.page.locator('input[type="file"]').setInputFiles(file);
  const answer = await until(
    floor.page,
    () => {
      const done = document.querySelector('[data-bench-result]')?.getAttribute('data-bench-result');
      const failed = document.querySelector('[data-bench-error]')?.getAttribute('data-bench-error');
      return done ? { done } : failed ? { failed } : null;
    },
    undefined,
    900_000
  );
  await floor.context.close();
  if (answer.failed) throw new Error(`import floors: ${answer.failed}`);
  const result = JSON.parse(answer.done);
  log('  floors measured');

  const p = r.perf;
  return {
    failed,
    message,
    accepted,
    errors,
    phases: r.timeline
      .filter(([k]) => k.startsWith('vigie:import:') || k.startsWith('vigie:bench:'))
      .map(([k, t]) => [k, Math.round(t - p['vigie:bench:picked'])]),
    stageMs: p['vigie:import:review'] - p['vigie:bench:picked'],
    commitMs: p['vigie:import:done'] - p['vigie:bench:load-click'],
    keptMs: p['vigie:import:saved'] - p['vigie:import:done'],
    longestTask: Math.max(0, ...r.longtasks.map(([, d]) => d)),
    memory: { idle, peak, stagePeak },
    floor: result
  };
}

/** A seeded random number generator (mulberry32), so that every run draws the same moments. */
function seeded(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The touring panel's latest value as the server draws it for `search` (what a manager must end up reading). */
async function serverFigure(url, search) {
  const html = await (await fetch(`${url}/${search}`)).text();
  return /data-axis="tournees"[\s\S]*?class="value[^"]*"[^>]*>([^<]*)</.exec(html)?.[1]?.trim() ?? null;
}

/** Runs in the page before its scripts: at the first chart's frame, chooses `region` in the filter bar. */
function chooseAtFirstPaint(region) {
  const watch = new MutationObserver(() => {
    const select = document.querySelector('.filters select[name="region"]');
    if (!select || !document.querySelector('svg[role="img"], svg[role="application"]')) return;
    watch.disconnect();
    requestAnimationFrame(() => {
      window.__bench.click = { t: performance.now(), hydrated: !!document.body.dataset.hydrated, engine: null };
      select.value = region;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  });
  watch.observe(document, { childList: true, subtree: true });
}

/**
 * A slow connection (Chromium's network emulation): 1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms round trip,
 * as a manager may have in a hotel or an office abroad.
 */
export const SLOW_NETWORK = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

/**
 * From the pointer reaching a filter menu to an option chosen in it: the first-click scenarios move the
 * pointer onto the menu at the moment drawn, and choose this long after (opening a menu, reading its
 * options and clicking one takes a person longer).
 */
const POINTER_TO_CHOICE_MS = 500;

/** On a slow network the engine takes minutes to download the data: moments are drawn in the first 10 s. */
const SLOW_SPAN_MS = 10_000;

/** A fresh page whose network is `network` (SLOW_NETWORK), or as it is when null. */
async function pageOn(browser, url, network) {
  const fresh = await freshPage(browser, url);
  if (network) {
    const cdp = await fresh.context.newCDPSession(fresh.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  }
  return fresh;
}

/**
 * "First click": a region chosen on `/` at a moment drawn at random between the first chart painted and
 * the browser's engine holding the data (the first run: at the first chart's frame, before the page has
 * hydrated), in a fresh context each time. Timed from the change to the frame after the page shows the
 * model for it; a choice is lost when the page does not end up showing the server's own figure for the
 * chosen region, with the region in the address bar and the menu. With `network` (SLOW_NETWORK), on that
 * network, the moments drawn in the first 10 s after the first chart.
 */
export async function firstClick(browser, url, runs, { seed = 5, network = null } = {}) {
  const rnd = seeded(seed);
  // One unmeasured cold load: the filter bar's regions, and the span the moments are drawn in.
  const probe = await pageOn(browser, url, network);
  await probe.page.goto('/', { waitUntil: 'load' });
  const paint = (await coldMetrics(probe.page)).firstChart;
  const engine = network ? null : await engineMetrics(probe.page);
  const regions = (await filterOptionsOf(probe.page)).region;
  await probe.context.close();
  const span = engine ? Math.max(0, engine.dataReady - paint) : SLOW_SPAN_MS;
  const out = [];
  for (let i = 0; i <= runs; i++) {
    const early = i === 0;
    const region = regions[Math.floor(rnd() * regions.length)];
    const wait = early ? 0 : rnd() * span;
    const search = `?region=${encodeURIComponent(region)}`;
    const expected = await serverFigure(url, search);
    const { context, page, errors } = await pageOn(browser, url, network);
    if (early) await context.addInitScript(chooseAtFirstPaint, region);
    await page.goto('/', { waitUntil: 'commit' });
    if (!early) {
      await until(page, () => (window.__bench.marks['chart-frame'] !== undefined ? true : null));
      await sleep(wait);
      // As a person chooses: the pointer reaches the menu, which is opened and read, then an option
      // chosen (the popup itself cannot be driven headless: the choice is set and its change sent).
      await page.hover('.filters select[name="region"]');
      await sleep(POINTER_TO_CHOICE_MS);
      await page.evaluate((r) => {
        const select = document.querySelector('.filters select[name="region"]');
        window.__bench.click = {
          t: performance.now(),
          hydrated: !!document.body.dataset.hydrated,
          engine: document.querySelector('[data-engine]')?.getAttribute('data-engine') ?? null
        };
        select.value = r;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, region);
    }
    let repaint = null;
    let lost;
    try {
      repaint = await until(
        page,
        () => {
          const c = window.__bench.click;
          const after = c && window.__bench.shown.find(([t]) => t >= c.t);
          return after ? after[1] - c.t : null;
        },
        undefined,
        60_000
      );
      const shown = await until(
        page,
        ({ region: r, expected: e }) => {
          const value = document.querySelector('article[data-axis="tournees"] .value')?.textContent?.trim() ?? null;
          const menu = document.querySelector('.filters select[name="region"]')?.value;
          return value === e && menu === r && new URL(location.href).searchParams.get('region') === r ? true : null;
        },
        { region, expected },
        30_000
      ).catch(() => null);
      lost = shown === null;
    } catch {
      lost = true;
    }
    const r = await readRecorder(page);
    out.push({ early, region, wait, repaint, lost, click: r.click, errors, dataReady: r.marks['data-engine:ready'] ?? null });
    await context.close();
  }
  return { span, paint, dataReady: engine?.dataReady ?? null, runs: out };
}

/**
 * One cold load of `path` in a fresh context until `ready` holds in the page, with the renderer's
 * private memory sampled every 100 ms: time to ready, the peak, the app's `vigie:load:*` marks (the
 * engine's load steps), and the memory after a garbage collection twice: at once (`memoryAtReady`), and
 * once the page has done what it does when its engine is ready (`settledMark`: the app builds the index
 * its filters are answered from, and the garbage of that build goes), which is `memory`.
 */
async function loadRun(browser, url, path, ready, readyMark, settledMark = null) {
  const { context, page } = await freshPage(browser, url);
  const memory = await memorySampler(browser, 100);
  const samples = [];
  const t0 = Date.now();
  const tick = setInterval(() => samples.push([Date.now() - t0, memory.peak]), 100);
  memory.reset();
  await page.goto(path, { waitUntil: 'load' });
  await until(page, ready, undefined, 900_000);
  clearInterval(tick);
  const r = await readRecorder(page);
  const cdp = await context.newCDPSession(page);
  const collected = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(300);
    return memory.now();
  };
  const atReady = await collected();
  if (settledMark) await until(page, (name) => (performance.getEntriesByName(name).length ? true : null), settledMark, 60_000);
  const after = settledMark ? await collected() : atReady;
  const { peak } = await memory.stop();
  await context.close();
  await sleep(500); // the closed renderer goes before the next run samples
  const steps = r.timeline.filter(([name]) => name.startsWith('vigie:load:')).map(([name, t]) => ({ step: name.slice(11), t }));
  const answering = r.marks['data-engine:ready'] ?? null;
  return {
    ready: r.perf[readyMark] ?? r.marks['data-engine:ready'],
    answering,
    memory: after,
    memoryAtReady: atReady,
    peak,
    steps
  };
}

/**
 * Data loaded in the browser: the app's `/` until its engine holds the data (`vigie:load:ready`, the
 * rows typed in a table, as Mosaic's load ends), then until it answers (its summaries built: the
 * engine's state "ready", when its memory is read), against Mosaic's way of loading the same
 * observations (`/bench/mosaic`), alternating, `runs` times each.
 */
export async function loadAgainstMosaic(browser, url, runs) {
  const app = [];
  const mosaic = [];
  const appReady = () => (document.querySelector('[data-engine="ready"],[data-engine="failed"]') ? true : null);
  const mosaicReady = () => (document.querySelector('[data-bench-ready],[data-bench-error]') ? true : null);
  for (let i = 0; i < runs; i++) {
    app.push(await loadRun(browser, url, '/', appReady, 'vigie:load:ready', 'vigie:view:prepared'));
    mosaic.push(await loadRun(browser, url, '/bench/mosaic', mosaicReady, 'vigie:bench:mosaic-ready'));
  }
  return { app, mosaic };
}
