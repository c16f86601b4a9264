import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';

const NAME = "Tournées à l'étranger soutenues";
const { newPage } = useBrowser();

/** The text of each data row's cells (the header row has no cells). */
async function rows(table: Locator): Promise<string[][]> {
  return table
    .getByRole('row')
    .evaluateAll((trs) =>
      trs
        .filter((tr) => tr.querySelector('td'))
        .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
    );
}
/** A cell's number ("1 533" → 1533); NaN for a missing value. */
const number = (text: string | undefined) =>
  /\d/.test(text ?? '') ? Number(text!.replace(/[^\d,]/g, '').replace(',', '.')) : NaN;
const known = (values: number[]) => values.filter((v) => !Number.isNaN(v));

async function open(page: Page, query = '') {
  await visit(page, `/indicateurs/tournees_soutenues${query}`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(NAME);
}

describe('indicator page', () => {
  it('breaks the series down by region, stacked then as small multiples', async () => {
    const { page, errors, foreign } = await newPage();
    await open(page, '?par=aucune');
    const europe = page.getByRole('listitem').filter({ hasText: /^Europe$/ });
    await expect(europe.count(), 'no legend without a breakdown').resolves.toBe(0);
    await page.getByLabel('Répartition par').selectOption('region');
    await page.waitForURL((url) => url.searchParams.get('par') === 'region');
    await settled(page);
    await europe.first().waitFor({ timeout: 30_000 });
    await expect(europe.isVisible()).resolves.toBe(true);

    await page.getByRole('radio', { name: 'Petits multiples' }).check();
    await page.waitForURL((url) => url.searchParams.get('vue') === 'multiples');
    await settled(page);
    await expect.poll(() => page.getByRole('application').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await expect(page.getByRole('application', { name: 'Europe', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: 'Petits multiples' }).isChecked()).resolves.toBe(true);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('sorts the data table with the column header buttons', async () => {
    const { page, errors } = await newPage();
    await open(page); // broken down by region by default: one column a region
    const table = page.getByRole('table', { name: `Données : ${NAME}` });
    const sortButton = table.getByRole('button', { name: 'Trier par Europe' });
    const header = table.getByRole('columnheader').filter({ has: page.getByRole('button', { name: 'Trier par Europe' }) });
    const column = (await table.getByRole('columnheader').allTextContents()).findIndex((h) => h.startsWith('Europe'));
    expect(column).toBeGreaterThan(0);
    const before = await rows(table);
    expect(before.length).toBeGreaterThan(2);
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none');

    await sortButton.click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    const ascending = known((await rows(table)).map((r) => number(r[column])));
    expect(ascending.length).toBeGreaterThan(2);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await sortButton.click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const descending = await rows(table);
    const values = known(descending.map((r) => number(r[column])));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(descending[0]).not.toEqual(before[0]);
    expect(errors).toEqual([]);
  });

  it('lets a keyboard user step through the chart’s values, announced in a live region', async () => {
    const { page, errors } = await newPage();
    await open(page, '?par=aucune'); // one series: the announcement is "period — value"
    await expect(page.getByLabel('Répartition par').inputValue()).resolves.toBe('aucune');
    const table = page.getByRole('table', { name: `Données : ${NAME}` });
    const timeOrder = await rows(table);
    const chart = page.getByRole('application', { name: NAME, exact: true });
    // The chart's live region (the highlights' copy button has its own).
    const live = page.locator('figure [aria-live="polite"]:not(.highlights *)');
    await expect(live.textContent()).resolves.toBe('');

    // Tab from the last control before the chart until the chart has the focus.
    await page.getByLabel('Répartition par').focus();
    const onChart = () => chart.evaluate((svg) => svg === document.activeElement);
    for (let i = 0; i < 10 && !(await onChart()); i++) await page.keyboard.press('Tab');
    expect(await onChart(), 'the chart is reachable with Tab').toBe(true);

    const [lastPeriod, lastValue] = timeOrder.at(-1)!;
    await page.keyboard.press('End');
    await expect.poll(() => live.textContent()).toBe(`${lastPeriod} — ${lastValue}`);

    const [previousPeriod, previousValue] = timeOrder.at(-2)!;
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => live.textContent()).toBe(`${previousPeriod} — ${previousValue}`);

    const [firstPeriod, firstValue] = timeOrder[0]!;
    await page.keyboard.press('Home');
    await expect.poll(() => live.textContent()).toBe(`${firstPeriod} — ${firstValue}`);
    expect(errors).toEqual([]);
  });

  it('names the countries of the breakdown by country, not their ISO codes', async () => {
    const { page } = await newPage();
    await open(page, '?par=pays&vue=multiples&region=Europe');
    const titles = (await page.getByRole('heading', { level: 2 }).allTextContents()).filter((t) => t !== 'Filtres');
    expect(titles.length).toBeGreaterThan(1);
    expect(
      titles.filter((t) => /^[A-Z]{3}$/.test(t)),
      `figure titles: ${titles.join(', ')}`
    ).toEqual([]);
    expect(titles).toContain('France');
  });
});
