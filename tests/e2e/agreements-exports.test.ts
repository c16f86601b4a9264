import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

describe('exports of the agreements page', () => {
  it('exports the map as a standalone SVG and the types as CSV, from their menus', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/ententes?de=2016&a=2020');

    async function download(title: string, format: string) {
      await page.getByRole('button', { name: `Exporter : ${title}`, exact: true }).click();
      const menu = page.getByRole('menu');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        menu.getByRole('menuitem', { name: format, exact: true }).click()
      ]);
      return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
    }

    const svg = await download('Partenaires dans le monde', 'Image vectorielle SVG');
    expect(svg.name).toMatch(/^vigie-ententes-carte-2016-2020.*\.svg$/);
    expect(svg.text).toContain('<svg');
    expect(svg.text).toContain('Partenaires dans le monde');
    // A whole world, drawn again at the export's size, with nothing fetched from elsewhere.
    expect(svg.text.match(/<path /g)?.length ?? 0).toBeGreaterThan(150);
    expect(svg.text).not.toMatch(/(?:href|src)="(?:https?:)?\/\//);

    const csv = await download('Par type', 'Données CSV');
    expect(csv.name).toMatch(/\.csv$/);
    const rows = Papa.parse<string[]>(csv.text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Type', "Nombre d'ententes"]);
    expect(rows.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(7);
    expect(errors).toEqual([]);
  });
});
