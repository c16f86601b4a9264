import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run bench -- --quick` on the build this suite already made: it keeps the benchmark working.
// No timing is asserted here; the figures are only checked to be there.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bench/run.mjs', ...args], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('npm run bench -- --quick', () => {
  it('measures every figure on a tiny dataset, each against its baseline', async () => {
    const { code, output } = await run(['--quick', '--no-build', '--out', out]);
    expect(code, output).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      failures: unknown[];
      summary: {
        sizes: Record<string, Record<string, Record<string, { median: number | null }>>>;
        import: { mbps: number; readCsvMbps: number; papaparseMbps: number };
        bytes: { firstJsGzip: number };
      };
    };
    expect(results.failures).toEqual([]);
    const figures = Object.values(results.summary.sizes)[0]!;
    for (const [measure, figure, baseline] of [
      ['firstChart', 'app', 'floor'],
      ['duckdb', 'app', 'bare'],
      ['filters', 'updated', 'bare']
    ] as const) {
      expect(figures[measure]?.[figure]?.median, measure).toBeGreaterThan(0);
      expect(figures[measure]?.[baseline]?.median, `${measure}: baseline`).toBeGreaterThan(0);
    }
    expect(figures.indicatorFilters?.updated?.median, 'indicator page').toBeGreaterThan(0);
    // The load's memory, read at the engine's ready and once the page has built its index.
    expect(figures.load?.memoryAtReady?.median, 'memory at ready').toBeGreaterThan(0);
    expect(figures.load?.memory?.median, 'memory once prepared').toBeGreaterThan(0);
    expect(figures.load?.mosaicMemory?.median, 'memory: baseline').toBeGreaterThan(0);
    expect(results.summary.import.mbps).toBeGreaterThan(0);
    expect(results.summary.import.readCsvMbps).toBeGreaterThan(0);
    expect(results.summary.import.papaparseMbps).toBeGreaterThan(0);
    expect(results.summary.bytes.firstJsGzip).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('| Measure |');
  }, 300_000);
});
