import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

describe('cross-filter', () => {
  it('brushing a time range on one chart sets the period of every chart, in the URL', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/');
    const chart = page.getByRole('application', { name: 'Coproductions', exact: true });
    // In the PIV frame the chart may start below the window: scroll to it, as a person would.
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // Drag from about a third of the plot to about two thirds (the plot starts after the y axis).
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
    await page.mouse.move(box.x + box.width * 0.75, y, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL((url) => url.searchParams.has('de') && url.searchParams.has('a'));
    await settled(page);
    const url = new URL(page.url());
    const from = Number(url.searchParams.get('de'));
    const to = Number(url.searchParams.get('a'));
    expect(from).toBeGreaterThanOrEqual(2012);
    expect(to).toBeGreaterThan(from);
    // Every filter bar and every panel follows: the "From" select shows the brushed year, and the
    // touring panel's table (built when unfolded) no longer lists a fiscal year starting before it.
    await expect(page.getByLabel('De', { exact: true }).inputValue()).resolves.toBe(String(from));
    const panel = page.locator('article[data-axis="tournees"]');
    await panel.getByText('Tableau des données').click();
    const table = panel.getByRole('table');
    await table.waitFor();
    const periods = await table.locator('tbody tr td:first-child').allTextContents();
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) expect(Number(p.slice(0, 4))).toBeGreaterThanOrEqual(from);
    expect(errors).toEqual([]);
  });
});
