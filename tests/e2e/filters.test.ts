import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

/** The periods listed by the touring panel's data table (first cells), once unfolded. */
async function tablePeriods(page: Page): Promise<number[]> {
  const table = page.locator('article[data-axis="tournees"]').getByRole('table');
  await table.waitFor();
  const cells = await table.locator('tbody tr td:first-child').allTextContents();
  return cells.map((c) => Number(c.slice(0, 4)));
}

describe('filters on the overview', () => {
  it('change the charts without a request to the server, keep the address bar, back and forward in step', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    await page.locator('[data-engine="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
    const requests: string[] = [];
    // Shallow routing: no load function reruns (no __data.json), no page is fetched again.
    page.on('request', (r) => ['document', 'fetch', 'xhr'].includes(r.resourceType()) && requests.push(r.url()));

    const from = page.getByLabel('De', { exact: true });
    await from.selectOption('2018');
    await page.waitForURL((url) => url.searchParams.get('de') === '2018');
    await settled(page);
    await page.getByLabel('Région', { exact: true }).selectOption('Europe');
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe' && url.searchParams.get('de') === '2018');
    await settled(page);
    expect(requests).toEqual([]);
    // The language switch keeps the filters chosen since the page loaded.
    await expect(page.getByRole('link', { name: 'Display in English' }).getAttribute('href')).resolves.toMatch(
      /de=2018.*region=Europe|region=Europe.*de=2018/
    );

    // The table is built when unfolded, with the filtered rows, and follows the next change.
    const panel = page.locator('article[data-axis="tournees"]');
    await panel.getByText('Tableau des données').click();
    const periods = await tablePeriods(page);
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((y) => y >= 2018)).toBe(true);
    await from.selectOption('2020');
    await page.waitForURL((url) => url.searchParams.get('de') === '2020');
    await settled(page);
    await expect.poll(async () => (await tablePeriods(page)).every((y) => y >= 2020), { timeout: 30_000 }).toBe(true);
    expect(requests).toEqual([]);

    // Back and forward walk through the filters, charts and table included.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('de') === '2018');
    await settled(page);
    await expect.poll(() => from.inputValue()).toBe('2018');
    await expect.poll(async () => Math.min(...(await tablePeriods(page)))).toBeLessThan(2020);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('region'));
    await expect.poll(() => page.getByLabel('Région', { exact: true }).inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    await settled(page);
    await expect.poll(() => page.getByLabel('Région', { exact: true }).inputValue()).toBe('Europe');

    // A reload asks the server for the filtered page, which it draws itself.
    await page.reload();
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await expect(from.inputValue()).resolves.toBe('2018');
    await panel.getByText('Tableau des données').click();
    expect((await tablePeriods(page)).every((y) => y >= 2018)).toBe(true);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
