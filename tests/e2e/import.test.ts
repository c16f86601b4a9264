import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeViolations, runAxe, settled, useBrowser, visit, type AppPage } from './setup/browser';
import { frenchExcel, utf8, wide } from '../unit/import/files';

const { newPage } = useBrowser();

/** Picks a file through the page's real file input, as a manager would. */
async function pick({ page }: AppPage, name: string, bytes: Uint8Array, mimeType = 'text/csv') {
  await page.getByLabel('Choisir des fichiers CSV ou Excel').setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

/** The latest value of a panel of the overview. */
async function panelValue({ page }: AppPage, axis: string): Promise<string> {
  await visit(page, '/');
  await settled(page);
  return (await page.locator(`article[data-axis="${axis}"] .value`).textContent())!.trim();
}

describe('Importer', () => {
  it('loads a French Excel file (Windows-1252, ;, decimal comma), changes the chart, and keeps it after a reload', async () => {
    const app = await newPage();
    const { page, errors, foreign } = app;
    const before = await panelValue(app, 'tournees');

    await visit(page, '/importer');
    await pick(app, 'export-excel.csv', frenchExcel);
    await expect(page.getByLabel('Encodage').inputValue()).resolves.toBe('windows-1252');
    await expect(page.getByLabel('Séparateur').inputValue()).resolves.toBe(';');
    await expect(page.getByLabel('Marque décimale').inputValue()).resolves.toBe(',');
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    await expect(page.getByText('3 valeurs lues; 3 valides; 0 refusée.').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Charger 3 valeurs' }).click();
    await page.getByText(/3 valeurs de « export-excel\.csv » chargées/).waitFor();
    // Kept for the next visit once it says so (the file itself, with the choices made).
    await page.getByText(/Enregistrées dans ce navigateur/).waitFor();

    // Real imported figures replace the sample series: the panel shows the file's 2026-2027 value.
    await expect.poll(() => panelValue(app, 'tournees'), { timeout: 30_000 }).toBe('45');
    expect(before).not.toBe('45');
    await page.reload();
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await expect
      .poll(async () => (await page.locator('article[data-axis="tournees"] .value').textContent())?.trim(), { timeout: 30_000 })
      .toBe('45');
    await expect(page.locator('article[data-axis="tournees"]').getByText("Données d'exemple").count()).resolves.toBe(0);

    // The Données page lists it with its origin, and removing it brings the sample back.
    await visit(page, '/donnees');
    const row = page.getByRole('row', { name: /export-excel\.csv/ });
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe('3');
    await page.getByRole('button', { name: 'Retirer les données de « export-excel.csv »' }).click();
    await page.getByText('Données de « export-excel.csv » retirées.').waitFor();
    await expect.poll(() => panelValue(app, 'tournees'), { timeout: 30_000 }).toBe(before);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('says on the Données page when a kept import cannot be loaded again, and keeps the rest of the dashboard', async () => {
    const app = await newPage();
    const { page, errors } = app;
    const before = await panelValue(app, 'tournees');
    await visit(page, '/importer');
    await pick(app, 'tournees.csv', utf8('indicator_id,period,value\ntournees_soutenues,2026-2027,45\n'));
    await page.getByRole('button', { name: 'Charger 1 valeur', exact: true }).click();
    await page.getByText(/Enregistrées dans ce navigateur/).waitFor();
    // The kept copy of the file no longer has the columns the manager mapped (as if it had been damaged).
    await page.evaluate(
      () =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('vigie', 1);
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('datasets', 'readwrite').objectStore('datasets');
            const all = store.getAll();
            all.onsuccess = () => {
              const record = all.result[0];
              record.source.file = new File(['autre,chose\n1,2\n'], 'tournees.csv', { type: 'text/csv' });
              const put = store.put(record);
              put.onsuccess = () => done();
              put.onerror = () => fail(put.error);
            };
          };
        })
    );
    await page.reload();
    await visit(page, '/donnees');
    const row = page.getByRole('row', { name: /tournees\.csv/ });
    await expect(
      row
        .getByText(
          /Non rechargées à l’ouverture de Vigie, donc absentes des graphiques : le fichier gardé donne maintenant 0 valeur valide au lieu de 1/
        )
        .waitFor({ timeout: 30_000 })
    ).resolves.toBeUndefined();
    // The published data is all there; removing the broken import clears the message.
    await expect.poll(() => panelValue(app, 'tournees'), { timeout: 30_000 }).toBe(before);
    await visit(page, '/donnees');
    await page.getByRole('button', { name: 'Retirer les données de « tournees.csv »' }).click();
    await page.getByText('Données de « tournees.csv » retirées.').waitFor();
    await expect(page.getByText(/Non rechargées/).count()).resolves.toBe(0);
    // The only error is the one the console reports for the failed re-import.
    expect(errors.filter((e) => !e.includes('could not be loaded again'))).toEqual([]);
  });

  it('loads a wide file (one column per period) and a Statistics Canada table', async () => {
    const app = await newPage();
    const { page, errors } = app;
    await visit(page, '/importer');
    await pick(app, 'large.csv', wide);
    await expect(page.getByLabel('Disposition').inputValue()).resolves.toBe('wide');
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    await page.getByRole('button', { name: 'Charger 5 valeurs' }).click();
    await page.getByText(/5 valeurs de « large\.csv » chargées/).waitFor();

    // A Statistics Canada table with Canada and its provinces, in thousands of dollars.
    await pick(app, 'statcan.csv', new Uint8Array(readFileSync('tests/fixtures/statcan_culture_en.csv')));
    await expect(page.getByLabel('Disposition').inputValue()).resolves.toBe('statcan');
    const series = page.getByLabel('Correspond à : Live performance');
    await series.waitFor();
    await series.selectOption('aide_exportation');
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    // Recognised and said: Canada is the total of the provinces and territories; the total is loaded.
    await page.getByText('Totaux reconnus').waitFor();
    await expect(
      page.getByText(/Colonne « GEO » : « Canada » \(4 lignes, total des provinces et territoires\)/).count()
    ).resolves.toBe(1);
    await expect(page.getByLabel(/Charger le total/).isChecked()).resolves.toBe(true);
    await page.getByText(/4 valeurs valides|4 valides/).waitFor();
    await page.getByRole('button', { name: 'Charger 4 valeurs' }).click();
    await page.getByText(/valeurs de « statcan\.csv » chargées/).waitFor();
    // The indicator page reads Canada's own 2018 figure, 717 766 thousand dollars, not Canada plus its parts.
    await visit(page, '/indicateurs/aide_exportation?par=aucune');
    await settled(page);
    // The server draws the page first from the published data (whose 2018-2019 row matches too); the
    // browser's engine then redraws it with this import, so the figure is polled, not read once.
    const table = page.getByRole('table').first();
    const row2018 = table.getByRole('row').filter({ hasText: /^\s*2018/ });
    await expect.poll(() => row2018.textContent(), { timeout: 30_000 }).toMatch(/717\s766\s000\s\$/);
    await expect(table.textContent()).resolves.not.toMatch(/1\s435\s532\s000/);
    expect(errors).toEqual([]);
  });

  it('reads an Excel workbook: the sheet picked, its table under the titles, the right figure on the indicator page', async () => {
    const app = await newPage();
    const { page, errors } = app;
    await visit(page, '/importer');
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await pick(app, 'tournees.xlsx', new Uint8Array(readFileSync('tests/fixtures/tournees.xlsx')), xlsx);
    // The first visible sheet holding a table is read; its sheets are listed with their sizes.
    const sheet = page.getByLabel('Feuille');
    await sheet.waitFor();
    await expect(sheet.inputValue()).resolves.toBe('Tournées');
    const options = await sheet.locator('option').allTextContents();
    expect(options).toHaveLength(4);
    expect(options.find((o) => o.startsWith('Subventions 2024-2025'))).toMatch(
      /^Subventions 2024-2025 \(\d+ lignes × 7 colonnes\)$/
    );
    await sheet.selectOption('Subventions 2024-2025');
    await expect.poll(() => page.getByLabel('Ligne d’en-tête').inputValue(), { timeout: 30_000 }).toBe('5');
    await page.getByText(/Lignes de titre au-dessus du tableau, non importées/).waitFor();
    const label = page.getByLabel('Correspond à : Subventions aux tournées');
    await label.waitFor();
    await label.selectOption('aide_exportation');
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    // The TOTAL line is set aside, not summed with the regions.
    await page.getByText(/Écartées : 1 d’indicateurs que vous n’importez pas/).waitFor();
    await page.getByRole('button', { name: 'Charger 4 valeurs' }).click();
    await page.getByText(/4 valeurs de « tournees\.xlsx » chargées/).waitFor();
    await visit(page, '/indicateurs/aide_exportation?par=aucune');
    await settled(page);
    const table = page.getByRole('table').first();
    await expect.poll(async () => table.textContent(), { timeout: 30_000 }).toContain('2024-2025');
    const row = table.getByRole('row').filter({ hasText: /^\s*2024-2025/ });
    // 1 234 567,89 + 654 321,50 + 98 765,43 + 0,50 $, cents kept although the sheet shows none. The
    // server draws the page first with the published (sample) figure; this browser's engine, which holds
    // the import, answers once it has loaded the data again.
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/1\s987\s655,3\s\$/);
    expect(errors).toEqual([]);
  });

  it('says which line and column of a broken file is wrong, and leaves the dashboard unchanged', async () => {
    const app = await newPage();
    const { page } = app;
    const before = await panelValue(app, 'tournees');
    await visit(page, '/importer');
    await pick(
      app,
      'casse.csv',
      utf8('indicator_id,period,value\ntournees_soutenues,2026-2027,beaucoup\ntournees_soutenues,FY27,3\n')
    );
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    const report = page.getByRole('table').filter({ hasText: 'Problème' });
    await expect(report.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /^2\s*value\s*valeur qui n’est pas un nombre « beaucoup »/
    );
    await expect(report.getByRole('row').nth(2).textContent()).resolves.toMatch(/^3\s*period\s*période non reconnue « FY27 »/);
    await expect(page.getByRole('button', { name: /^Charger/ }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Annuler' }).first().click();
    await expect(panelValue(app, 'tournees')).resolves.toBe(before);
  });

  it('refuses a binary file as neither a CSV nor a workbook, and a damaged workbook as unreadable', async () => {
    const app = await newPage();
    const { page } = app;
    await visit(page, '/importer');
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1
    ]);
    await pick(app, 'image.csv', png, 'application/octet-stream');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('n’est ni un fichier CSV');
    const truncated = new Uint8Array(readFileSync('tests/fixtures/tournees.xlsx')).slice(0, 3000);
    await pick(app, 'abime.xlsx', truncated, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('Le classeur « abime.xlsx » est illisible ou endommagé');
  });

  it('has no accessibility violation with a file read and its report shown', async () => {
    const app = await newPage();
    const { page } = app;
    await visit(page, '/importer');
    await pick(app, 'export-excel.csv', frenchExcel);
    await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
    await settled(page);
    const violations = await runAxe(page);
    expect(violations, describeViolations(violations)).toHaveLength(0);
  });
});
