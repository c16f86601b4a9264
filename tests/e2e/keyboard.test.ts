import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engineStarted, settled, useBrowser, visit } from './setup/browser';
import { frenchExcel } from '../unit/import/files';

const { newPage } = useBrowser();

/** Where the focus is and, when a person cannot see it, why (WCAG 2.4.7 and 2.4.11). */
interface Stop {
  name: string;
  hidden: string | null;
}

/**
 * The focused element, and whether it can be seen: on the body (lost), outside the window, covered by
 * something else at the middle of its visible part (the sticky filter bar), or without a focus outline.
 */
function focused(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: 'body', hidden: 'the focus fell back to the page' };
    const name = `${el.tagName.toLowerCase()} « ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)} »`;
    const r = el.getBoundingClientRect();
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, innerHeight);
    const left = Math.max(r.left, 0);
    const right = Math.min(r.right, innerWidth);
    if (bottom - top < 1 || right - left < 1) return { name, hidden: 'outside the window' };
    const [x, y] = [(left + right) / 2, (top + bottom) / 2];
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el.contains(hit) || hit.contains(el))) {
      const over = hit?.closest('section, header, nav, div') as HTMLElement | null;
      return { name, hidden: `covered by ${over?.className || hit?.tagName || 'nothing'}` };
    }
    // What stays put while the page scrolls (the sticky filter bar, the engine's status) covers it too,
    // even when it lets the pointer through.
    for (const other of document.querySelectorAll<HTMLElement>('body *')) {
      const position = getComputedStyle(other).position;
      if ((position !== 'fixed' && position !== 'sticky') || other.contains(el) || el.contains(other)) continue;
      const o = other.getBoundingClientRect();
      if (o.width > 0 && o.height > 0 && x >= o.left && x <= o.right && y >= o.top && y <= o.bottom)
        return { name, hidden: `covered by ${other.className || other.tagName}` };
    }
    // The outline may be drawn on the control or, for a file input inside its label, on the label.
    const outlined = [el, el.parentElement].some((e) => e && getComputedStyle(e).outlineStyle !== 'none');
    return { name, hidden: outlined ? null : 'no focus outline' };
  });
}

/** Presses a key `n` times and returns every stop the focus reached that a person could not see. */
async function walk(page: Page, key: 'Tab' | 'Shift+Tab', n: number): Promise<string[]> {
  const hidden: string[] = [];
  for (let i = 1; i <= n; i++) {
    await page.keyboard.press(key);
    const stop = await focused(page);
    // Past the last stop (or before the first), the focus goes to the browser's own controls, then around.
    if (stop.name === 'body') continue;
    if (stop.hidden) hidden.push(`${key} ${i}: ${stop.name}: ${stop.hidden}`);
  }
  return hidden;
}

async function ready(page: Page, path: string): Promise<void> {
  await visit(page, path);
  await engineStarted(page);
  await settled(page);
}

const WINDOWS: Record<string, BrowserContextOptions> = {
  '1366×900': { viewport: { width: 1366, height: 900 } },
  '320 px': { viewport: { width: 320, height: 640 } },
  '200 %': { viewport: { width: 683, height: 450 }, deviceScaleFactor: 2 }
};

describe('keyboard: focus visible and never hidden (WCAG 2.4.7, 2.4.11)', () => {
  for (const [name, viewport] of Object.entries(WINDOWS)) {
    for (const path of ['/', '/indicateurs/tournees_soutenues']) {
      it(`keeps every one of 70 Tab stops on ${path} visible at ${name}, forward and back`, async () => {
        const { page } = await newPage(viewport);
        await ready(page, path);
        const hidden = [...(await walk(page, 'Tab', 70)), ...(await walk(page, 'Shift+Tab', 70))];
        expect(hidden.join('\n')).toBe('');
      });
    }
  }
});

describe('keyboard: where the focus goes after an action (WCAG 2.4.3)', () => {
  it('keeps the focus in the filter bar after « Réinitialiser »', async () => {
    const { page } = await newPage();
    await ready(page, '/?de=2018&region=Europe');
    const reset = page.getByRole('button', { name: 'Réinitialiser' });
    await reset.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.searchParams.has('de') && !url.searchParams.has('region'));
    await settled(page);
    const stop = await focused(page);
    expect(stop.hidden).toBeNull();
    await expect(page.evaluate(() => !!document.activeElement?.closest('form.filters'))).resolves.toBe(true);
    // And the next Tab goes on to the first panel, not back to the top of the page.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => !!document.activeElement?.closest('article'))).resolves.toBe(true);
  });

  it('moves the focus to the file read after picking it, and to the result after « Charger »', async () => {
    const { page } = await newPage();
    await visit(page, '/importer');
    const input = page.getByLabel('Choisir des fichiers CSV');
    await input.focus();
    await input.setInputFiles({ name: 'export-excel.csv', mimeType: 'text/csv', buffer: Buffer.from(frenchExcel) });
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    let stop = await focused(page);
    expect(stop.hidden, stop.name).toBeNull();
    expect(stop.name).toContain('export-excel.csv');

    const load = page.getByRole('button', { name: 'Charger 3 valeurs' });
    await load.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/3 valeurs de « export-excel\.csv » chargées/).waitFor();
    stop = await focused(page);
    expect(stop.hidden, stop.name).toBeNull();
    expect(stop.name).toMatch(/3 valeurs de « export-excel\.csv » chargées/);
  });
});

describe('keyboard: the importer’s list of problems (WCAG 2.1.1)', () => {
  it('reaches the list with Tab from the file read, and scrolls it with the arrow keys', async () => {
    const { page } = await newPage();
    await visit(page, '/importer');
    // 120 values that are not numbers: far more rows than the list's box shows.
    const rows = Array.from({ length: 120 }, (_, i) => `tournees_soutenues,${2000 + i}-${2001 + i},beaucoup`).join('\n');
    const input = page.getByLabel('Choisir des fichiers CSV');
    await input.focus();
    await input.setInputFiles({
      name: 'casse.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`indicator_id,period,value\n${rows}\n`)
    });
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    const list = page.getByRole('region', { name: 'Problème' });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await list.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'the list of problems is a Tab stop').toBe(true);
    const stop = await focused(page);
    expect(stop.hidden, stop.name).toBeNull();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    // Chromium scrolls for the arrow keys smoothly: read just after the keys, the list may not have moved yet.
    await expect.poll(() => list.evaluate((el) => el.scrollTop), { timeout: 5_000 }).toBeGreaterThan(0);
  });
});

describe('keyboard: charts', () => {
  it('says how to pick a period without a mouse, and picks one with the keyboard on the chart itself', async () => {
    const { page } = await newPage();
    await ready(page, '/');
    const hint = page.locator('form.filters .hint');
    await expect(hint.textContent()).resolves.toMatch(/clavier.*« De » et « À »/);
    // The chart is an application region: a screen reader in browse mode hands it the arrow keys.
    const chart = page.getByRole('application', { name: 'Coproductions', exact: true });
    await expect(chart.getAttribute('aria-roledescription')).resolves.toBe('graphique interactif');
    await chart.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('de') && url.searchParams.has('a'));
    const url = new URL(page.url());
    expect(Number(url.searchParams.get('a')) - Number(url.searchParams.get('de'))).toBe(2);
    await settled(page);
    await expect(page.getByLabel('De', { exact: true }).inputValue()).resolves.toBe(url.searchParams.get('de'));
  });
});
