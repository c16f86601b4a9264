#!/usr/bin/env node
// `npm run bench`: builds the app, serves it over seeded data folders (10 k, 100 k, 1 M observations),
// drives Debian's Chromium with playwright-core, and writes bench/results.json and bench/results.md.
// Every figure comes with a baseline measured in the same run: machines here are noisy, ratios hold.
//
//   npm run bench                      the full run (about 20 minutes on 2 cores)
//   npm run bench -- --quick           smoke mode: a tiny dataset, one run of each (CI)
//   options: --runs N  --sizes 10000,100000  --only cold,duckdb,load,firstclick,slowclick,filters,import,bytes  --out DIR
//            --rebuild (always build)  --no-build (use the build as it is)
//            --report DIR (only rewrite DIR/results.md and the summary from DIR/results.json)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildIsFresh } from './lib/build.mjs';
import { launch } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { report } from './lib/report.mjs';
import {
  coldLoad,
  duckdbReady,
  filterChanges,
  firstClick,
  firstPageBytes,
  importRun,
  loadAgainstMosaic,
  SLOW_NETWORK,
  smoke
} from './lib/scenarios.mjs';
import { dataFolder, importFile } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = join(ROOT, 'bench', 'runs');

function parseArgs(argv) {
  const args = { quick: false, rebuild: false, build: true, runs: null, sizes: null, only: null, out: null, report: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--rebuild') args.rebuild = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--sizes') args.sizes = argv[++i].split(',').map(Number);
    else if (a === '--only') args.only = new Set(argv[++i].split(','));
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--report') args.report = argv[++i];
    else throw new Error(`bench: unknown option ${a}`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const quick = args.quick;
const config = {
  mode: quick ? 'quick' : 'full',
  sizes: args.sizes ?? (quick ? [2_000] : [10_000, 100_000, 1_000_000]),
  importRows: quick ? 2_000 : 1_000_000,
  coldRuns: args.runs ?? (quick ? 1 : 7),
  duckdbRuns: args.runs ?? (quick ? 1 : 5),
  loadRuns: args.runs ?? (quick ? 1 : 3),
  filterChanges: quick ? 5 : 100,
  firstClickRuns: args.runs ?? (quick ? 1 : 20),
  slowClickRuns: args.runs ?? (quick ? 1 : 8),
  importRuns: args.runs ?? (quick ? 1 : 3),
  // The quick mode shares the e2e suite's build; the full run keeps its own next to it.
  buildDir: process.env.VIGIE_BUILD_DIR ?? (quick ? 'build' : 'build-bench')
};
/** A headline indicator's page: its chart, broken down by region (the default), and its table. */
const INDICATOR_PAGE = '/indicateurs/tournees_soutenues';
const wanted = (name) => !args.only || args.only.has(name);
const log = (...m) => console.log(`[bench ${((performance.now() / 1000) | 0).toString().padStart(4)} s]`, ...m);

// Ctrl-C stops the server this run started, not only the run.
let stopping = async () => {};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void stopping().finally(() => process.exit(130));
  });
}

/** Rewrites a run's table and summary from its raw figures (after a change to the report). */
function rewriteReport(dir) {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  const { markdown, summary } = report(results);
  results.summary = summary;
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(dir, 'results.md'), markdown);
  console.log(markdown);
}

async function main() {
  if (args.report) return rewriteReport(args.report);
  if (!args.build) log(`using ${config.buildDir}/ as it is`);
  else if (args.rebuild || !buildIsFresh(ROOT, config.buildDir)) {
    log(`building into ${config.buildDir}/ …`);
    await build(ROOT, config.buildDir);
  } else log(`reusing ${config.buildDir}/ (newer than src/)`);

  const out = args.out ?? (quick ? join(RUNS, 'quick') : join(ROOT, 'bench'));
  mkdirSync(out, { recursive: true });
  const browser = await launch();
  const results = {
    config,
    date: new Date().toISOString(),
    chromium: browser.version(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: { start: loadavg() },
    sizes: {},
    import: null,
    bytes: null,
    failures: []
  };
  const save = () => writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  // One failed measurement is reported and the run goes on: the others still say something.
  const step = async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      log(`${name} FAILED: ${err instanceof Error ? err.message : err}`);
      results.failures.push({ step: name, error: String(err instanceof Error ? err.stack : err) });
      return undefined;
    } finally {
      save();
    }
  };
  try {
    for (const size of config.sizes) {
      const data = dataFolder(join(RUNS, `data-${size}`), size);
      log(`${size} observations (${(data.bytes / 1e6).toFixed(1)} MB): starting the server…`);
      const server = await startServer(ROOT, config.buildDir, data.dir);
      stopping = server.stop;
      const entry = { rows: size, csvBytes: data.bytes, serverLoadMs: server.loadMs };
      results.sizes[size] = entry;
      try {
        if (quick) {
          const file = importFile(join(RUNS, `import-${config.importRows}.csv`), config.importRows);
          log('smoke run: one page of /, each baseline once, one import…');
          const run = await step('smoke', () =>
            smoke(browser, server.url, join(ROOT, config.buildDir, 'client'), file.file, log, INDICATOR_PAGE)
          );
          if (run) {
            Object.assign(entry, {
              firstClick: run.firstClick,
              cold: run.cold,
              duckdb: run.duckdb,
              load: run.load,
              filters: run.filters,
              indicatorFilters: run.indicatorFilters
            });
            results.bytes = run.bytes;
            results.import = { rows: config.importRows, bytes: file.bytes, runs: [run.imported] };
          }
          continue;
        }
        if (wanted('cold')) {
          log('cold loads of / and of the bare SVG page…');
          entry.cold = await step(`cold ${size}`, async () => {
            const cold = { app: [], floor: [] };
            await coldLoad(browser, server.url, '/', 1); // unmeasured: the server's first renders warm its code
            for (let i = 0; i < config.coldRuns; i++) {
              cold.app.push(...(await coldLoad(browser, server.url, '/', 1)));
              cold.floor.push(...(await coldLoad(browser, server.url, '/bench/paint', 1)));
            }
            return cold;
          });
        }
        if (wanted('duckdb')) {
          log('DuckDB ready, app and bare…');
          entry.duckdb = await step(`duckdb ${size}`, () => duckdbReady(browser, server.url, config.duckdbRuns));
        }
        if (wanted('load')) {
          log(`data loaded: the app's engine and Mosaic's load of the same file, ${config.loadRuns}× each…`);
          entry.load = await step(`load ${size}`, () => loadAgainstMosaic(browser, server.url, config.loadRuns));
        }
        if (wanted('firstclick')) {
          log(`first click: a region chosen between first paint and the engine ready, ${config.firstClickRuns + 1}×…`);
          entry.firstClick = await step(`first click ${size}`, () => firstClick(browser, server.url, config.firstClickRuns));
        }
        if (wanted('slowclick')) {
          log(`first click on a slow network (1.6 Mbit/s, 150 ms), in the first 10 s, ${config.slowClickRuns + 1}×…`);
          entry.slowClick = await step(`slow first click ${size}`, () =>
            firstClick(browser, server.url, config.slowClickRuns, { network: SLOW_NETWORK })
          );
        }
        if (wanted('filters')) {
          log(`${config.filterChanges} filter changes, then the same queries bare…`);
          entry.filters = await step(`filters ${size}`, () => filterChanges(browser, server.url, config.filterChanges));
          log(`${config.filterChanges} filter changes on an indicator page (${INDICATOR_PAGE}, broken down by region)…`);
          entry.indicatorFilters = await step(`indicator filters ${size}`, () =>
            filterChanges(browser, server.url, config.filterChanges, { path: INDICATOR_PAGE, floor: false })
          );
        }
        if (wanted('bytes') && !results.bytes) {
          log('JS and CSS of the first page…');
          results.bytes = await step('bytes', () => firstPageBytes(browser, server.url, join(ROOT, config.buildDir, 'client')));
        }
        if (wanted('import') && size === config.sizes[0]) {
          const file = importFile(join(RUNS, `import-${config.importRows}.csv`), config.importRows);
          log(`import of ${relative(ROOT, file.file)} (${(file.bytes / 1e6).toFixed(1)} MB), ${config.importRuns}×…`);
          results.import = { rows: config.importRows, bytes: file.bytes, runs: [] };
          for (let i = 0; i < config.importRuns; i++) {
            const run = await step(`import ${i + 1}`, () => importRun(browser, server.url, file.file, log));
            if (!run) continue;
            log(
              `  stage ${run.stageMs?.toFixed(0)} ms, commit ${run.commitMs?.toFixed(0)} ms, kept ${run.keptMs?.toFixed(0)} ms${run.failed ? ` FAILED: ${run.message}` : ''}`
            );
            results.import.runs.push(run);
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  results.loadAverage.end = loadavg();
  const { markdown, summary } = report(results);
  results.summary = summary;
  save();
  writeFileSync(join(out, 'results.md'), markdown);
  console.log(`\n${markdown}`);
  log(`wrote ${relative(ROOT, join(out, 'results.json'))} and results.md`);
  if (results.failures.length)
    throw new Error(`${results.failures.length} measurement(s) failed: ${results.failures.map((f) => f.step).join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
