#!/usr/bin/env node
// Where a filter change spends its time: the bench's own filter changes on `/`, under Chromium's CPU
// profiler (CDP `Profiler`), or its tracing (`--trace`: main-thread and worker events inside each change).
//
//   VIGIE_BUILD_DIR=build-h1 node bench/profile.mjs [--size 100000] [--changes 40] [--trace | --split]
// `--split` runs no profiler: it splits each change into the page's work until the `vigie:view-shown`
// event (model computed, DOM written) and the style and layout forced after it.
// Uses an existing build and the data folders of `npm run bench` (bench/runs/data-<size>). Writes
// bench/runs/profile.cpuprofile (open it in Chromium's DevTools) or bench/runs/profile.trace.json.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPage, launch } from './lib/browser.mjs';
import { applyStep, filterOptionsOf, filterSequence } from './lib/scenarios.mjs';
import { startServer } from './lib/server.mjs';
import { percentile } from './lib/stats.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const size = Number(arg('size', 100_000));
const count = Number(arg('changes', 40));
const trace = process.argv.includes('--trace');
const split = process.argv.includes('--split');
const buildDir = process.env.VIGIE_BUILD_DIR ?? 'build-bench';

/** Self time by function (name, file, line), per change. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

/** Durations of trace events by thread and name, inside the changes' windows (user timing marks). */
function tracedTimes(events) {
  const at = (name) =>
    events
      .filter((e) => e.name === name)
      .map((e) => e.ts)
      .sort((a, b) => a - b);
  const ends = at('vigie:profile:end');
  const windows = at('vigie:profile:start').map((s) => [s, ends.find((e) => e > s) ?? s]);
  const pid = events.find((e) => e.name === 'vigie:profile:start')?.pid;
  const sums = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || e.pid !== pid) continue;
    // The part of the event inside a change (nested events are listed too: a sum by name, not a partition).
    const inside = windows.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(e.ts + e.dur, b) - Math.max(e.ts, a)), 0);
    if (inside > 0) sums.set(`thread ${e.tid} ${e.name}`, (sums.get(`thread ${e.tid} ${e.name}`) ?? 0) + inside / 1000);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

const server = await startServer(ROOT, buildDir, join(ROOT, 'bench', 'runs', `data-${size}`));
const browser = await launch();
try {
  const { context, page } = await freshPage(browser, server.url);
  await page.goto('/', { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-engine="ready"]'), undefined, { timeout: 900_000 });
  await page.evaluate(() => {
    // Marks around each change, for the trace: the bench's own timing is untouched.
    document.addEventListener('change', () => performance.mark('vigie:profile:start'), { capture: true });
    addEventListener('vigie:view-shown', () => performance.mark('vigie:profile:end'));
  });
  const steps = filterSequence(await filterOptionsOf(page), count + 3);
  for (const step of steps.slice(0, 3)) await applyStep(page, step);
  if (split) {
    const totals = [];
    for (const step of steps.slice(3)) totals.push((await applyStep(page, step)).updated);
    const work = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name).map((e) => e.startTime);
      const ends = at('vigie:profile:end');
      return at('vigie:profile:start').map((s) => (ends.find((e) => e >= s) ?? s) - s);
    });
    const js = work.slice(-count);
    const layout = totals.map((t, i) => t - js[i]);
    const line = (label, xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `${label} p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
    };
    console.log(`${count} changes at ${size} rows (no profiler)`);
    console.log(line('  change → charts laid out:', totals));
    console.log(line('  … until vigie:view-shown (model, DOM):', js));
    console.log(line('  … forced style and layout after it:', layout));
  } else {
    const cdp = await context.newCDPSession(page);
    const events = [];
    if (trace) {
      cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,blink.user_timing,v8.execute',
        transferMode: 'ReportEvents'
      });
    } else {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const timings = [];
    for (const step of steps.slice(3)) timings.push((await applyStep(page, step)).updated);
    const sorted = timings.sort((a, b) => a - b);
    console.log(
      `${count} changes at ${size} rows: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms (profiler running)`
    );
    let rows;
    if (trace) {
      const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await done;
      writeFileSync(join(ROOT, 'bench', 'runs', 'profile.trace.json'), JSON.stringify(events));
      rows = tracedTimes(events);
    } else {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(ROOT, 'bench', 'runs', 'profile.cpuprofile'), JSON.stringify(profile));
      rows = selfTimes(profile);
    }
    for (const [key, ms] of rows.slice(0, 40)) console.log(`${(ms / count).toFixed(2).padStart(7)} ms/change  ${key}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
