import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, useBrowser } from './setup/browser';

const { newPage } = useBrowser();

const TOURING_VALUE = 'article[data-axis="tournees"] .value';

/** The touring panel's latest value as the server draws it for `path`, read with JavaScript off. */
async function serverFigure(path: string): Promise<string | null> {
  const { page } = await newPage({ javaScriptEnabled: false });
  await page.goto(path);
  return page.locator(TOURING_VALUE).textContent();
}

const hydrated = (page: Page) => page.locator('body[data-hydrated]').count();

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

  it('keeps a region chosen before the page hydrated, says the charts are busy meanwhile, and applies it', async () => {
    const { page, context, errors, foreign } = await newPage();
    // The page’s code (not its stylesheet, which holds back the first paint) arrives two seconds late.
    await context.route('**/_app/immutable/**/*.js', async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.fallback();
    });
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    const region = page.getByLabel('Région', { exact: true });
    await region.selectOption('Europe');
    expect(await hydrated(page)).toBe(0);
    // Busy and dimmed from the first change on, before any of the page's code runs.
    expect(await page.locator('article[data-axis="tournees"] [aria-busy="true"]').count()).toBeGreaterThan(0);
    // Dimmed through a 0.15 s transition: read the opacity until it has begun (JavaScript is still held back).
    const chart = page.locator('article[data-axis="tournees"] svg[role="application"]');
    await expect.poll(() => chart.evaluate((svg) => getComputedStyle(svg).opacity), { timeout: 1500 }).not.toBe('1');

    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    await expect(region.inputValue()).resolves.toBe('Europe');
    await settled(page);
    const europe = await serverFigure('/?region=Europe');
    await expect.poll(() => page.locator(TOURING_VALUE).textContent(), { timeout: 30_000 }).toBe(europe);
    expect(await region.inputValue()).toBe('Europe');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
