import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';

const { baseUrl, newPage } = useBrowser();
const origin = new URL(baseUrl).origin;

describe('self-hosted engine (no other host)', () => {
  it('recomputes a filter with the browser’s DuckDB served by the app itself', async () => {
    const { page, context, errors, foreign } = await newPage();
    // Every request of the context, the engine's worker included (the page's own timeline misses those).
    const requested: string[] = [];
    context.on('request', (req) => requested.push(req.url()));

    await visit(page, '/');
    const value = page.locator('article[data-axis="tournees"] .value');
    const unfiltered = await value.textContent();
    // Until the browser's engine holds the data the server answers a change (issue 14): wait for it.
    await page.locator('[data-engine="ready"]').waitFor({ state: 'attached', timeout: 120_000 });

    await page.getByLabel('Discipline', { exact: true }).selectOption('Musique');
    await page.waitForURL((url) => url.searchParams.get('discipline') === 'Musique');
    await settled(page);
    await expect.poll(() => value.textContent(), { timeout: 30_000 }).not.toBe(unfiltered);
    await expect(page.locator('[data-engine]').getAttribute('data-engine')).resolves.toBe('ready');

    // The worker and the wasm came from the app, and the app serves them.
    const fromPage = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => name.includes('duckdb'))
    );
    const wasm = requested.filter((url) => /duckdb.*\.wasm/.test(url));
    expect(fromPage.length, 'the page loaded a DuckDB worker').toBeGreaterThan(0);
    expect(wasm.length, 'the worker loaded a DuckDB wasm').toBeGreaterThan(0);
    for (const url of new Set([...fromPage, ...wasm])) {
      expect(new URL(url).origin, url).toBe(origin);
      const res = await fetch(url, { method: 'HEAD' });
      expect(res.status, url).toBe(200);
    }
    expect(foreign).toEqual([]);
    expect(
      requested.filter((url) => new URL(url).origin !== origin && !url.startsWith('blob:') && !url.startsWith('data:'))
    ).toEqual([]);
    expect(errors).toEqual([]);
  });
});
