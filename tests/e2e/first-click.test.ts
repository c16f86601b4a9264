import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';
import { serverFigure as figureOnServer, TOURING_VALUE } from './setup/figures';

const { newPage } = useBrowser();

const serverFigure = (path: string) => figureOnServer(newPage, path);

/** What the browser's engine loads its data from: the server engine's snapshot, else the CSV files. */
const ENGINE_DATA = /\/api\/(snapshot\?|datasets\/)/;

const hydrated = (page: Page) => page.locator('body[data-hydrated]').count();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Holds the requests matching `pattern` until the function returned is called, as a slow network would. */
async function hold(context: BrowserContext, pattern: string | RegExp): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await context.route(pattern, async (route) => {
    await released;
    await route.fallback();
  });
  return release;
}

describe('the filter bar is a form', () => {
  it('works with JavaScript off: choosing a region and applying gives the filtered page from the server', async () => {
    const { page, errors, foreign } = await newPage({ javaScriptEnabled: false });
    await page.goto('/');
    const value = page.locator(TOURING_VALUE);
    const unfiltered = await value.textContent();
    expect(unfiltered).toMatch(/\d/);
    await page.getByLabel('Région', { exact: true }).selectOption('Europe');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    await expect(page.getByLabel('Région', { exact: true }).inputValue()).resolves.toBe('Europe');
    const europe = await value.textContent();
    expect(europe).toMatch(/\d/);
    expect(europe).not.toBe(unfiltered);

    // On an indicator page, the breakdown chosen stays as it was.
    await page.goto('/indicateurs/tournees_soutenues?par=discipline');
    await page.getByLabel('De', { exact: true }).selectOption('2018');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL((url) => url.searchParams.get('de') === '2018');
    expect(new URL(page.url()).searchParams.get('par')).toBe('discipline');
    const periods = await page.getByRole('table').first().locator('tbody tr td:first-child').allTextContents();
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((p) => Number(p.slice(0, 4)) >= 2018)).toBe(true);

    // Reset clears the filters and keeps the breakdown.
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await page.waitForURL((url) => !url.searchParams.has('de'));
    expect(new URL(page.url()).searchParams.get('par')).toBe('discipline');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('keeps a region chosen before the page hydrated, says the charts are busy meanwhile, asks the server at once, and applies it', async () => {
    const { page, context, errors, foreign } = await newPage();
    // The page's code (not its stylesheet, which holds back the first paint) arrives late, as on a slow
    // network: held until the region is chosen and 2 s have passed.
    const release = await hold(context, '**/_app/immutable/**/*.js');
    const delay = sleep(2000);
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/model/') && asked.push(new URL(r.url()).search));
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    const region = page.getByLabel('Région', { exact: true });
    await region.selectOption('Europe');
    expect(await hydrated(page)).toBe(0);
    // Busy and dimmed from the first change on, before any of the page's code runs.
    expect(await page.locator('article[data-axis="tournees"] [aria-busy="true"]').count()).toBeGreaterThan(0);
    // Dimmed through a 0.15 s transition: read the opacity until it has begun (JavaScript is still held back).
    const chart = page.locator('article[data-axis="tournees"] svg[role="application"]');
    await expect.poll(() => chart.evaluate((svg) => getComputedStyle(svg).opacity), { timeout: 1500 }).not.toBe('1');
    await delay;
    // The server was asked for the chosen region's model at once, while the page's code was held back.
    expect(asked).toEqual(['?region=Europe']);
    release();

    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    await expect(region.inputValue()).resolves.toBe('Europe');
    const europe = await serverFigure('/?region=Europe');
    await expect.poll(() => page.locator(TOURING_VALUE).textContent(), { timeout: 30_000 }).toBe(europe);
    await settled(page);
    expect(await region.inputValue()).toBe('Europe');
    expect(asked).toEqual(['?region=Europe']); // hydrated, the page used that answer rather than ask again
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

describe('who answers', () => {
  it("draws the server's answer while the browser's engine loads, then the browser answers without the server", async () => {
    const { page, context, errors, foreign } = await newPage();
    // The browser's engine gets its data only when the test says so.
    const release = await hold(context, ENGINE_DATA);
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/model/') && asked.push(new URL(r.url()).search));
    await visit(page, '/');
    const region = page.getByLabel('Région', { exact: true });
    const value = page.locator(TOURING_VALUE);

    await region.selectOption('Europe');
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    const europe = await serverFigure('/?region=Europe');
    await expect.poll(() => value.textContent(), { timeout: 30_000 }).toBe(europe);
    await settled(page);
    expect(await page.locator('[data-engine="ready"]').count()).toBe(0); // the engine had no data yet
    expect(asked).toEqual(['?region=Europe']);

    release();
    await page.locator('[data-engine="ready"]').waitFor({ state: 'attached', timeout: 120_000 });
    const other = (await region.locator('option').allTextContents()).find((o) => o !== 'Europe' && o !== 'Toutes')!;
    await region.selectOption(other);
    await page.waitForURL((url) => url.searchParams.get('region') === other);
    const figure = await serverFigure(`/?region=${encodeURIComponent(other)}`);
    await expect.poll(() => value.textContent(), { timeout: 30_000 }).toBe(figure);
    await settled(page);
    expect(asked).toEqual(['?region=Europe']); // the browser answered this one itself
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

describe('answers asked ahead', () => {
  it('asks the server for every option of the menu under the pointer or the focus while the engine loads, and draws the choice without asking again', async () => {
    const { page, context, errors, foreign } = await newPage();
    const release = await hold(context, ENGINE_DATA); // the browser's engine gets no data
    const asked: string[] = [];
    const answered: string[] = [];
    /** A request's parameters in sorted order. */
    const query = (url: string) => {
      const params = new URL(url).searchParams;
      params.sort();
      return `?${params}`;
    };
    page.on('request', (r) => r.url().includes('/api/model/') && asked.push(query(r.url())));
    page.on('requestfinished', (r) => r.url().includes('/api/model/') && answered.push(query(r.url())));
    await visit(page, '/');
    const region = page.getByLabel('Région', { exact: true });
    const regions = (await region.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(
      (v) => v !== ''
    );
    expect(regions.length).toBeGreaterThan(2);
    expect(asked).toEqual([]);

    // The pointer reaches the region menu: each region's model is asked, once.
    await region.hover();
    const each = regions.map((r) => `?${new URLSearchParams({ region: r })}`).sort();
    await expect.poll(() => [...answered].sort(), { timeout: 30_000 }).toEqual(each);
    await region.hover({ position: { x: 3, y: 3 } });
    await page.mouse.move(0, 0);
    await region.hover();
    await region.selectOption('Europe');
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    const europe = await serverFigure('/?region=Europe');
    await expect.poll(() => page.locator(TOURING_VALUE).textContent(), { timeout: 30_000 }).toBe(europe);
    await settled(page);
    expect(asked.sort()).toEqual(each); // chosen, Europe was drawn from the answer asked ahead

    // By keyboard: the focus on the discipline menu asks each discipline within Europe.
    const discipline = page.getByLabel('Discipline', { exact: true });
    const disciplines = (
      await discipline.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    ).filter((v) => v !== '');
    await discipline.focus();
    const within = disciplines.map((d) => `?${new URLSearchParams({ discipline: d, region: 'Europe' })}`).sort();
    await expect.poll(() => answered.filter((q) => q.includes('discipline=')).sort(), { timeout: 30_000 }).toEqual(within);
    expect(await page.locator('[data-engine="ready"]').count()).toBe(0); // all of it while the engine had no data
    release();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('asks ahead before the page has hydrated too, and the hydrated page draws the choice from it', async () => {
    const { page, context, errors, foreign } = await newPage();
    const release = await hold(context, '**/_app/immutable/**/*.js'); // the page's code arrives late
    const releaseData = await hold(context, ENGINE_DATA); // and the browser's engine gets no data
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/model/') && asked.push(new URL(r.url()).searchParams.get('region') ?? ''));
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    const region = page.getByLabel('Région', { exact: true });
    const regions = (await region.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(
      (v) => v !== ''
    );
    await region.hover();
    await expect.poll(() => [...asked].sort(), { timeout: 30_000 }).toEqual([...regions].sort());
    expect(await hydrated(page)).toBe(0);
    release();
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    const chosen = regions.at(-1)!;
    await region.selectOption(chosen);
    await page.waitForURL((url) => url.searchParams.get('region') === chosen);
    const figure = await serverFigure(`/?region=${encodeURIComponent(chosen)}`);
    await expect.poll(() => page.locator(TOURING_VALUE).textContent(), { timeout: 30_000 }).toBe(figure);
    await settled(page);
    expect([...asked].sort()).toEqual([...regions].sort()); // nothing asked at the choice
    expect(await page.locator('[data-engine="ready"]').count()).toBe(0); // nor answered by the engine
    releaseData();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

describe('what is not product', () => {
  it('answers 404 for the bench pages on a server not started by `npm run bench`', async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    for (const path of ['/bench/paint', '/bench/queries', '/bench/duckdb', '/bench/import']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
  });
});
