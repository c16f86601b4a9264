import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser, visit } from './setup/browser';

const PARTNERS = [
  'Préfecture de Kyoto',
  'République de Cuba',
  'Pays basque',
  'État du Maharashtra',
  'Pays de Galles',
  'État de la Louisiane',
  'Flandre'
];
const { newPage } = useBrowser();

/** The agreements table's data rows (the header row holds column headers, not cells). */
const agreementRows = (page: Page) =>
  page
    .getByRole('table', { name: 'Liste des ententes' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

describe('agreements page', () => {
  for (const query of ['', '?de=2016&a=2020']) {
    it(`lists the 7 agreements signed 2016–2020 (${query || 'no filter'})`, async () => {
      const { page, errors, foreign } = await newPage();
      await visit(page, `/ententes${query}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ententes internationales en culture');
      const rows = agreementRows(page);
      await expect(rows.count()).resolves.toBe(7);
      const partners = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim()));
      expect(partners.sort()).toEqual([...PARTNERS].sort());
      for (const name of ['Pays de Galles', 'Flandre']) {
        await expect(rows.getByRole('cell', { name, exact: true }).isVisible(), name).resolves.toBe(true);
      }
      await expect(page.getByText('7 ententes répertoriées de 2016 à 2020', { exact: true }).isVisible()).resolves.toBe(true);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    });
  }

  it('says "entre 2016 et 2020" for the agreements whose date is not known exactly', async () => {
    const { page } = await newPage();
    await visit(page, '/ententes?de=2016&a=2020');
    const uncertain = agreementRows(page).filter({ has: page.getByRole('cell', { name: /^entre 2016 et 2020/ }) });
    const partners = await uncertain.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim()));
    expect(partners.sort()).toEqual(['Flandre', 'État de la Louisiane']);
    // A known date is written as a date, not as a range.
    const galles = agreementRows(page).filter({ has: page.getByRole('cell', { name: 'Pays de Galles', exact: true }) });
    await expect(galles.textContent()).resolves.toContain('2020');
    await expect(galles.getByText(/entre/).count()).resolves.toBe(0);
  });

  it('draws the partners on a world map', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/ententes?de=2016&a=2020');
    await expect(page.getByRole('heading', { level: 2, name: 'Partenaires dans le monde' }).isVisible()).resolves.toBe(true);
    const map = page.getByRole('img', { name: 'Partenaires dans le monde', exact: true });
    await expect(map.evaluate((el) => el.tagName.toLowerCase())).resolves.toBe('svg');
    await expect(map.locator('g path').count()).resolves.toBeGreaterThanOrEqual(100);
    const partners = map.locator('path.partner');
    await expect(partners.count()).resolves.toBe(7);
    // Each highlighted country names its partner in its tooltip.
    const titles = await partners.evaluateAll((paths) => paths.map((p) => p.querySelector('title')?.textContent ?? ''));
    for (const partner of PARTNERS)
      expect(
        titles.some((t) => t.includes(partner)),
        partner
      ).toBe(true);
    expect(errors).toEqual([]);
  });

  it('describes the cumulative chart with a latest value the chart draws', async () => {
    const { page } = await newPage();
    await visit(page, '/ententes');
    const chart = page.getByRole('application', { name: 'Engagements cumulés', exact: true });
    const description = await page.locator(`[id="${await chart.getAttribute('aria-describedby')}"]`).textContent();
    // Levels drawn as two lines are stated one by one ("Au plus tôt 15, Au plus tard 15"), never summed.
    const stated = description?.match(/Dernière valeur : (.+?) \(\d{4}\)/u)?.[1];
    expect(stated, description ?? '').toBeDefined();
    const statedValues = stated!.match(/\d[\d\s\u202f]*/gu)!.map((v) => v.replace(/\D/g, ''));

    // The keyboard gives the drawn values of the last year: "2020 — Au plus tôt : 15, Au plus tard : 15".
    await chart.focus();
    await page.keyboard.press('End');
    const live = page.locator('figure', { has: chart }).locator('[aria-live="polite"]');
    await expect.poll(() => live.textContent()).toMatch(/^\d{4} — /);
    const drawn = (await live.textContent())!
      .split(' — ')[1]!
      .split(', ')
      .map((part) => part.split(' : ').at(-1)!.replace(/\D/g, ''));
    expect(drawn, `summary: « ${description} »`).toEqual(statedValues);
  });
});
