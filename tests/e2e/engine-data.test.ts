import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';
import { serverFigure as figureOnServer, TOURING_VALUE } from './setup/figures';

const { baseUrl, newPage } = useBrowser();

const serverFigure = (path: string) => figureOnServer(newPage, path);

/** Chooses a region once the browser's engine holds the data; its figure, drawn without the server. */
async function chooseWithEngine(page: Page, asked: string[]): Promise<{ region: string; figure: string | null }> {
  await page.locator('[data-engine="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
  const menu = page.getByLabel('Région', { exact: true });
  const region = (await menu.locator('option').allTextContents()).find((o) => o !== 'Toutes')!;
  await menu.selectOption(region);
  await page.waitForURL((url) => url.searchParams.get('region') === region);
  await settled(page);
  expect(asked.filter((u) => u.includes('/api/model/'))).toEqual([]); // the browser answered it
  return { region, figure: await page.locator(TOURING_VALUE).textContent() };
}

describe("the browser's engine and its data", () => {
  it("starts from the server engine's tables, without downloading the files, and draws the server's figures", async () => {
    const { page, context, errors, foreign } = await newPage();
    const asked: string[] = [];
    context.on('request', (r) => asked.push(r.url()));
    await visit(page, '/');
    const { region, figure } = await chooseWithEngine(page, asked);
    expect(asked.filter((u) => u.includes('/api/snapshot?'))).toHaveLength(1);
    expect(asked.filter((u) => u.includes('/api/datasets/'))).toEqual([]);
    expect(figure).toMatch(/\d/);
    expect(figure).toBe(await serverFigure(`/?region=${encodeURIComponent(region)}`));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('reads the files when the server holds other data by now, and draws the same figures', async () => {
    const { page, context, errors, foreign } = await newPage();
    await context.route(/\/api\/snapshot\?/, (route) => route.fulfill({ status: 409, body: 'other data' }));
    const asked: string[] = [];
    context.on('request', (r) => asked.push(r.url()));
    await visit(page, '/');
    const { region, figure } = await chooseWithEngine(page, asked);
    expect(asked.filter((u) => u.includes('/api/datasets/')).length).toBeGreaterThan(0);
    expect(figure).toBe(await serverFigure(`/?region=${encodeURIComponent(region)}`));
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]); // the refused snapshot, logged by the browser
    expect(foreign).toEqual([]);
  });

  it('is refused for data the server does not hold', async () => {
    const res = await fetch(new URL('/api/snapshot?key=observations%2Fold.csv%400-abc', baseUrl));
    expect(res.status).toBe(409);
    const manifest = (
      (await (await fetch(new URL('/api/manifest', baseUrl))).json()) as { manifest: { name: string; version: string }[] }
    ).manifest;
    const key = manifest.map((e) => `${e.name}@${e.version}`).join('|');
    const ok = await fetch(new URL(`/api/snapshot?key=${encodeURIComponent(key)}`, baseUrl));
    expect(ok.status).toBe(200);
    expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });
});
