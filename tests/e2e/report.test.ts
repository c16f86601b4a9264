import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { settled, useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();
const dir = mkdtempSync(join(tmpdir(), 'vigie-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text as poppler extracts it, with ligatures (ﬁ) and runs of white space made plain. */
const plain = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Prints the page with Chromium's print-to-PDF, as "Imprimer / PDF" does, and reads its text back in drawing order. */
async function printed(page: Page, format: 'Letter' | 'A4', name: string) {
  const file = join(dir, `${name}-${format}.pdf`);
  writeFileSync(file, await page.pdf({ format, printBackground: true }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
  const size = info
    .match(/^Page size:\s+([\d.]+) x ([\d.]+)/m)!
    .slice(1)
    .map((n) => Math.round(Number(n)));
  const pages = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, count).map(plain);
  return { file, count, size, pages };
}

/** Share of dark pixels of each page, rendered in grey by pdftoppm (a blank page has none). */
function inkPerPage(file: string): number[] {
  const prefix = `${file}-page`;
  execFileSync('pdftoppm', ['-r', '24', '-gray', file, prefix]);
  return readdirSync(dir)
    .filter((f) => join(dir, f).startsWith(prefix) && f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      const header = bytes.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
      const pixels = bytes.subarray(header[0].length);
      return pixels.filter((v) => v < 160).length / pixels.length;
    });
}

/** Each panel of the report as its text reads in the PDF: its title, its table's caption, its definition. */
async function panelsOf(page: Page) {
  return page.locator('section.rpanel').evaluateAll((sections) =>
    sections.map((s) => ({
      title: s.querySelector('h2')?.textContent ?? '',
      caption: s.querySelector('caption')?.textContent ?? '',
      definition: s.querySelector('.definition')?.textContent ?? ''
    }))
  );
}

/**
 * Each panel printed after the cover, whole: its title above the chart, its table's caption beside it and
 * its definition below on one page means the page break fell neither inside the chart nor inside its table.
 */
function expectWholePanels(pages: string[], panels: Awaited<ReturnType<typeof panelsOf>>, label: string) {
  for (const p of panels) {
    const where = [p.title, p.caption, p.definition.slice(0, 60)].map((text) =>
      pages.findIndex((pg, i) => i > 0 && pg.includes(plain(text)))
    );
    expect(where[0], `${label}: « ${p.title} » printed`).toBeGreaterThan(0);
    expect(where, `${label}: « ${p.title} » on one page`).toEqual([where[0], where[0], where[0]]);
  }
}

describe('Rapport', () => {
  it('lays out every overview panel after a cover, each with chart, key figures and table', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Rapport' }).click();
    await page.waitForURL('**/rapport');
    await expect(page.getByRole('link', { name: 'Rapport' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Rapport des indicateurs culturels');
    const cover = page.locator('header.cover');
    await expect(cover.locator('dd').allTextContents()).resolves.toEqual([
      '2014-2015 à 2025-2026',
      expect.stringMatching(/^\d{1,2} \p{L}+ 20\d\d$/u),
      'Aucun filtre (toutes les périodes)'
    ]);
    await expect(cover.locator('ol li').count()).resolves.toBe(8);
    const panels = page.locator('section.rpanel');
    await expect(panels.count()).resolves.toBe(8);
    for (const title of [
      "1. Tournées et soutien à l'exportation",
      '3. Coproductions',
      "6. Représentations du Québec à l'étranger"
    ]) {
      await expect(page.getByRole('application', { name: title, exact: true }).count(), title).resolves.toBe(1);
    }
    const first = panels.first();
    await expect(first.getByText('Dernière valeur · 2025-2026').isVisible()).resolves.toBe(true);
    await expect(first.locator('table tbody tr').count()).resolves.toBe(12);
    await expect(first.getByRole('button', { name: "Exporter : Tournées et soutien à l'exportation" }).isVisible()).resolves.toBe(
      true
    );
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('prints to a clean PDF on Letter and A4: a cover, then the panels, two to a page where they fit, no chart cut by a page break', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/rapport');
    await settled(page);
    const panels = await panelsOf(page);
    expect(panels).toHaveLength(8);
    const measured: string[] = [];
    for (const format of ['Letter', 'A4'] as const) {
      const pdf = await printed(page, format, 'overview');
      measured.push(`${format}: ${pdf.count} pages of ${pdf.size.join(' × ')} pt`);
      expect(pdf.size).toEqual(format === 'Letter' ? [612, 792] : [596, 843]);
      // A cover, then the 8 panels two to a page: with their highlights the tallest is about 450 px of
      // Letter's 946 (measured 2026-11-29), so every pair fits on Letter and on A4.
      expect(pdf.count, `${format} pages`).toBe(1 + Math.ceil(panels.length / 2));
      expect(pdf.pages[0]).toContain('Rapport des indicateurs culturels');
      expect(pdf.pages[0]).toContain('Période 2014-2015 à 2025-2026');
      expect(pdf.pages[0]).toContain('Filtres Aucun filtre');
      // The cover stands alone (it lists the titles, but no panel's table or definition is on it).
      expect(panels.some((p) => pdf.pages[0]!.includes(plain(p.caption)) || pdf.pages[0]!.includes(plain(p.definition)))).toBe(
        false
      );
      expectWholePanels(pdf.pages, panels, format);
      const ink = inkPerPage(pdf.file);
      expect(ink).toHaveLength(pdf.count);
      for (const [i, share] of ink.entries()) expect(share, `${format} page ${i + 1} is not blank`).toBeGreaterThan(0.01);
      // The site's header and the report's controls do not print.
      expect(pdf.pages.join(' ')).not.toContain('Contenu du rapport');
      expect(pdf.pages.join(' ')).not.toContain('Importer');
    }
    console.info(`Report PDF: ${measured.join('; ')}`);
    expect(errors).toEqual([]);
  });

  it('prints in English two panels to a page as well, its longer sentences included', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/rapport?lang=en');
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Cultural indicators report');
    const panels = await panelsOf(page);
    const pdf = await printed(page, 'Letter', 'english');
    expect(pdf.count).toBe(1 + Math.ceil(panels.length / 2));
    expectWholePanels(pdf.pages, panels, 'Letter, English');
    expect(errors).toEqual([]);
  });

  it('reports on the indicators a manager ticks, under the current filters', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/rapport?indicateurs=tournees_soutenues,bureaux_etranger&de=2016');
    await expect(page.locator('section.rpanel').count()).resolves.toBe(2);
    await expect(page.locator('header.cover dd').nth(2).textContent()).resolves.toBe('Période : depuis 2016');
    await page.getByRole('checkbox', { name: "Aide financière à l'exportation et aux tournées" }).check();
    await page.waitForURL((url) => (url.searchParams.get('indicateurs') ?? '').includes('aide_exportation'));
    await settled(page);
    await expect.poll(() => page.locator('section.rpanel').count(), { timeout: 30_000 }).toBe(3);
    // In the catalogue's order, whatever the order of the ticks.
    await expect(
      page.locator('section.rpanel').evaluateAll((s) => s.map((e) => e.getAttribute('data-indicator')))
    ).resolves.toEqual(['tournees_soutenues', 'aide_exportation', 'bureaux_etranger']);
    await expect(
      page.locator('section.rpanel[data-indicator="aide_exportation"] tbody tr').first().locator('td').first().textContent()
    ).resolves.toBe('2016-2017');
    const pdf = await printed(page, 'A4', 'ticked');
    expect(pdf.count).toBe(3);
    expect(pdf.pages[0]).toContain('Filtres Période : depuis 2016');
    expect(errors).toEqual([]);
  });
});
