import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
/** The latest value of the indicator page's chart: the value cell of the table's last row (time order). */
const latestInTable = (page: Page) => page.getByRole('table').getByRole('row').last().getByRole('cell').nth(1).textContent();

/** Follows the language link: a full reload with `?lang=`. */
async function switchTo(page: Page, name: string, lang: 'fr' | 'en') {
  await page.getByRole('link', { name }).click();
  await page.waitForURL((url) => url.searchParams.get('lang') === lang);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

describe('language', () => {
  it('switches the overview to English and back, with numbers in the language’s format', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    const mobility = page.locator('article[data-axis="mobilite"] .value');
    await expect(h1(page)).resolves.toBe("Vue d'ensemble");
    await expect(htmlLang(page)).resolves.toBe('fr');
    // fr-CA groups thousands with a (narrow) no-break space: "1 533".
    await expect(mobility.textContent()).resolves.toMatch(/^\d{1,3}([\s\u202f]\d{3})+$/u);

    await switchTo(page, 'English', 'en');
    await expect(h1(page)).resolves.toBe('Overview');
    await expect(htmlLang(page)).resolves.toBe('en');
    await expect(mobility.textContent()).resolves.toMatch(/^\d{1,3}(,\d{3})+$/);
    await expect(page.getByRole('heading', { level: 2, name: "Tournées et soutien à l'exportation" }).count()).resolves.toBe(0);

    await switchTo(page, 'Français', 'fr');
    await expect(h1(page)).resolves.toBe("Vue d'ensemble");
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(mobility.textContent()).resolves.toMatch(/^\d{1,3}([\s\u202f]\d{3})+$/u);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('remembers the choice across pages and formats dollars the English or French way', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/');
    await switchTo(page, 'English', 'en');

    // No `lang` in this URL: the cookie keeps English.
    await visit(page, '/indicateurs/aide_exportation');
    await expect(htmlLang(page)).resolves.toBe('en');
    await expect(h1(page)).resolves.toBe('Financial support for export and touring');
    const english = await latestInTable(page);
    expect(english).toMatch(/^\$\d{1,3}(,\d{3})*(\.\d)?$/);

    await switchTo(page, 'Français', 'fr');
    await expect(htmlLang(page)).resolves.toBe('fr');
    await expect(h1(page)).resolves.toBe("Aide financière à l'exportation et aux tournées");
    const french = await latestInTable(page);
    expect(french).toMatch(/^\d{1,3}([\s\u202f]\d{3})*(,\d)?[\s\u202f]\$$/u);
    // Same amount, two spellings.
    expect(french?.replace(/\D/g, '')).toBe(english?.replace(/\D/g, ''));

    await visit(page, '/');
    await expect(htmlLang(page)).resolves.toBe('fr');
    expect(errors).toEqual([]);
  });
});
