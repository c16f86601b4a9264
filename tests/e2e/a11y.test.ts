import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { describeViolations, engineStarted, runAxe, settled, signInWithPassword, useBrowser, visit } from './setup/browser';
import { frenchExcel } from '../unit/import/files';

const { newPage } = useBrowser();

/** Every page a manager reaches from the menu, and the indicator page. */
const PAGES = [
  '/',
  '/indicateurs',
  '/indicateurs/tournees_soutenues',
  '/ententes',
  '/donnees',
  '/historique',
  '/rapport',
  '/importer',
  '/connexion'
];

/**
 * The widths SGQRI 008 3.0 (WCAG 2.2 AA) is checked at: a laptop, a phone (1.4.10 asks for 320 CSS
 * pixels), and the laptop at 200 % zoom (half as many CSS pixels, each drawn twice as large).
 */
const VIEWPORTS: Record<string, BrowserContextOptions> = {
  '1366×900': { viewport: { width: 1366, height: 900 } },
  '320 px': { viewport: { width: 320, height: 640 } },
  '200 %': { viewport: { width: 683, height: 450 }, deviceScaleFactor: 2 }
};

/** How far the page scrolls sideways (1.4.10: nothing should, whatever the width). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** axe's violations and the sideways overflow of the page as it is now, as lines for one message. */
async function problems(page: Page, where: string): Promise<string[]> {
  const violations = await runAxe(page);
  const wide = await overflow(page);
  return [
    ...(violations.length ? [`${where}:\n${describeViolations(violations)}`] : []),
    ...(wide > 0 ? [`${where}: the page scrolls ${wide} px sideways`] : [])
  ];
}

/** Opens a page and waits until it is still: hydrated, its charts (if any) drawn by the browser's engine. */
async function ready(page: Page, path: string): Promise<void> {
  await visit(page, path);
  if (await page.locator('figure svg').count()) await engineStarted(page);
  await settled(page);
}

describe('accessibility: axe-core with the WCAG 2.0/2.1/2.2 A and AA tags, and reflow', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const lang of ['fr', 'en'] as const) {
      it(`finds no violation and no sideways scroll on any page at ${name} in ${lang === 'fr' ? 'French' : 'English'}`, async () => {
        const { page, errors } = await newPage(viewport);
        // Eight pages in a row on a loaded machine: the report's many charts may take more than 30 s.
        page.setDefaultNavigationTimeout(90_000);
        // The language is chosen once, as the language link does; it is remembered for the next pages.
        await visit(page, `/?lang=${lang}`);
        const found: string[] = [];
        for (const path of PAGES) {
          await ready(page, path);
          await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
          found.push(...(await problems(page, `${path} (${name}, ${lang})`)));
        }
        expect(found.join('\n')).toBe('');
        expect(errors).toEqual([]);
      }, 240_000);
    }
  }

  it('finds no violation on the accounts page of an administrator, at 1366×900 and 320 px', async () => {
    const admin = inject('admin');
    const found: string[] = [];
    for (const [name, viewport] of Object.entries(VIEWPORTS).slice(0, 2)) {
      const { page } = await newPage(viewport);
      await signInWithPassword(page, admin);
      await ready(page, '/admin');
      await page.getByRole('heading', { level: 1 }).waitFor();
      found.push(...(await problems(page, `/admin (${name})`)));
    }
    expect(found.join('\n')).toBe('');
  });

  it('finds no violation on the importer once a file is read and once it is loaded, at 1366×900 and 320 px', async () => {
    const found: string[] = [];
    for (const [name, viewport] of Object.entries(VIEWPORTS).slice(0, 2)) {
      const { page } = await newPage(viewport);
      await visit(page, '/importer');
      await page.getByLabel('Choisir des fichiers CSV').setInputFiles({
        name: 'export-excel.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(frenchExcel)
      });
      await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
      found.push(...(await problems(page, `/importer with a file read (${name})`)));
      await page.getByRole('button', { name: 'Charger 3 valeurs' }).click();
      await page.getByText(/3 valeurs de « export-excel\.csv » chargées/).waitFor();
      found.push(...(await problems(page, `/importer after loading (${name})`)));
      await ready(page, '/');
      found.push(...(await problems(page, `/ with the imported file (${name})`)));
    }
    expect(found.join('\n')).toBe('');
  }, 240_000);

  it('gives the "not found" page a title and finds no violation on it', async () => {
    const { page } = await newPage();
    const res = await page.goto('/indicateurs/nexiste_pas');
    expect(res?.status()).toBe(404);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await expect(page.getByText('nexiste_pas').first().isVisible()).resolves.toBe(true);
    await expect(page.title(), 'the tab and the screen reader need a page title').resolves.not.toBe('');
    const violations = await runAxe(page);
    expect(violations, `axe violations on the 404 page:\n${describeViolations(violations)}`).toHaveLength(0);
  });
});
