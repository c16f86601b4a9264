// Debian's Chromium through playwright-core, a fresh context (empty HTTP cache) per measurement, an
// in-page recorder of paints and app milestones, and a sampler of the page's process memory.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

/** Launches headless Chromium as the e2e suite does. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run'
    ]
  });
}

/**
 * Runs in every page before its own scripts: records the first paint of a chart (`svg[role=img]`),
 * FCP, LCP, long tasks, and when `data-hydrated` / `data-engine` change, into `window.__bench`.
 */
function recorder() {
  const b = (window.__bench = { marks: {}, fcp: null, lcp: null, longtasks: [], shown: [] });
  // Each model the page shows (bench servers only), and the frame after it: [shown, painted].
  addEventListener('vigie:view-shown', () => {
    const t = performance.now();
    requestAnimationFrame(() => b.shown.push([t, performance.now()]));
  });
  const mark = (k) => {
    if (b.marks[k] === undefined) b.marks[k] = performance.now();
  };
  const chart = new MutationObserver(() => {
    // A time-series chart is an application region (issue 16), the others images.
    if (!document.querySelector('svg[role="img"], svg[role="application"]')) return;
    chart.disconnect();
    mark('chart-dom');
    requestAnimationFrame(() => mark('chart-frame'));
  });
  chart.observe(document, { childList: true, subtree: true });
  // Attribute-only observers are cheap: they do not fire on the charts' redraws.
  new MutationObserver((records) => {
    for (const r of records) {
      const v = r.target.getAttribute(r.attributeName);
      if (v !== null) mark(`${r.attributeName}:${v}`);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated', 'data-engine'] });
  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
    } catch {
      // not supported
    }
  };
  observe('paint', (e) => e.name === 'first-contentful-paint' && (b.fcp = e.startTime));
  observe('largest-contentful-paint', (e) => (b.lcp = e.startTime));
  observe('longtask', (e) => b.longtasks.push([Math.round(e.startTime), Math.round(e.duration)]));
}

/** A fresh context and page (empty cache, storage and IndexedDB) with the recorder installed. */
export async function freshPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recorder);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors };
}

/**
 * What the recorder noted, plus the performance marks whose name starts with `vigie:`: `perf` holds the
 * first time of each name, `timeline` every mark in order (an import passes through "reading" twice).
 */
export function readRecorder(page) {
  return page.evaluate(() => {
    const timeline = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('vigie:'))
      .map((m) => [m.name, m.startTime]);
    const perf = {};
    for (const [name, t] of timeline) perf[name] ??= t;
    return { ...window.__bench, perf, timeline };
  });
}

/** Private resident memory (RssAnon) of a process, in bytes; null once it is gone. */
async function rssAnon(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /RssAnon:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples, every `everyMs`, the private memory of the browser's renderer processes; the page's renderer
 * (its main thread and its workers, DuckDB's wasm heap included) is the largest one. `stop()` returns
 * the peak and the last sample.
 */
export async function memorySampler(browser, everyMs = 100) {
  const cdp = await browser.newBrowserCDPSession();
  let pids = [];
  const refresh = async () => {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    pids = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  };
  await refresh();
  let peak = 0;
  let last = 0;
  let ticks = 0;
  let running = true;
  const sample = async () => {
    if (++ticks % 10 === 0) await refresh().catch(() => {});
    const sizes = await Promise.all(pids.map(rssAnon));
    last = Math.max(0, ...sizes.filter((s) => s !== null));
    peak = Math.max(peak, last);
  };
  await sample();
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, everyMs));
      await sample();
    }
  })();
  return {
    /** The largest renderer's private memory now, in bytes. */
    async now() {
      await refresh();
      await sample();
      return last;
    },
    /** The highest level sampled so far. */
    get peak() {
      return peak;
    },
    /** Resets the peak to the current level. */
    reset() {
      peak = last;
    },
    async stop() {
      running = false;
      await loop;
      await cdp.detach().catch(() => {});
      return { peak, last };
    }
  };
}
