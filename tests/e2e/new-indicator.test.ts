import { describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

// Issue 12, item 5: an indicator described during an import took over its axis's panel on the overview,
// and « Voir l'indicateur → » led to a 404. It now has its own page (rendered by this browser, which
// alone holds it), is listed in the catalogue and the report, and leaves the headline where it was.

const FILE = 'indicator_id,period,value\nCoût du charbon,2023-2024,12\nCoût du charbon,2024-2025,15\n';

describe('an indicator created by an import', () => {
  it(
    'gets its own page, joins the catalogue and the report, and leaves its axis’s headline alone',
    { timeout: 300_000 },
    async () => {
      const { page, errors } = await newPage();
      await visit(page, '/importer');
      await page
        .getByLabel(/^Choisir des fichiers/)
        .setInputFiles({ name: 'charbon.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
      // The browser's engine reads the file first (slow to start on a busy machine).
      await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor({ timeout: 120_000 });
      await page.getByLabel('Correspond à : Coût du charbon').selectOption('new');
      await page.getByLabel('Axe').selectOption('coproductions');
      await page.getByLabel('Unité').selectOption('CAD');
      await page.getByRole('button', { name: 'Charger 2 valeurs' }).click();
      await page.getByText(/2 valeurs de « charbon\.csv » chargées/).waitFor();

      // The link after loading leads to the indicator's page, drawn from this browser's data.
      await page.getByRole('link', { name: "Voir l'indicateur : Coût du charbon" }).click();
      await page.getByRole('heading', { level: 1, name: 'Coût du charbon' }).waitFor({ timeout: 60_000 });
      await settled(page);
      const table = page.getByRole('table', { name: 'Données : Coût du charbon' });
      await expect.poll(() => table.textContent(), { timeout: 30_000 }).toMatch(/2024-2025\s*15\s*\$/u);
      // A reload asks the server, which does not know it (404): the browser draws it again.
      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: 'Coût du charbon' }).waitFor({ timeout: 60_000 });
      await expect.poll(() => table.textContent(), { timeout: 30_000 }).toMatch(/2024-2025\s*15\s*\$/u);
      // That 404 is the only console error the browser reports (Chromium logs every failed document).
      const notFound = errors.findIndex((e) => /status of 404 .*\/indicateurs\/cout_du_charbon\)$/u.test(e));
      expect(notFound).toBeGreaterThanOrEqual(0);
      errors.splice(notFound, 1);

      // The overview's Coproductions panel keeps its headline indicator.
      await visit(page, '/');
      await settled(page);
      const panel = page.locator('article[data-axis="coproductions"]');
      await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('Coproductions internationales soutenues');
      await expect(panel.textContent()).resolves.not.toContain('Coût du charbon');

      // The catalogue lists it under its axis, with a link; the report offers it.
      await visit(page, '/indicateurs');
      await expect.poll(() => page.getByRole('link', { name: 'Coût du charbon' }).count(), { timeout: 30_000 }).toBe(1);
      await visit(page, '/rapport');
      await expect.poll(() => page.getByRole('checkbox', { name: 'Coût du charbon' }).count(), { timeout: 30_000 }).toBe(1);
      expect(errors).toEqual([]);
    }
  );

  it('still answers 404 for an indicator nobody has', async () => {
    const { page } = await newPage();
    const res = await page.goto('/indicateurs/personne_ne_l_a');
    expect(res?.status()).toBe(404);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await expect(page.getByText('Indicateur introuvable : personne_ne_l_a').isVisible()).resolves.toBe(true);
  });
});
