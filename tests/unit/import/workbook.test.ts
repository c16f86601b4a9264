import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellAddress, readSheet, WorkbookError, type SheetTable } from '$lib/import/workbook';
import { fixture } from './workbooks';

/** The CSV handed to the pipeline, read back by papaparse as the pipeline's sniffing does. */
function records(table: SheetTable): string[][] {
  const parsed = Papa.parse<string[]>(new TextDecoder().decode(table.csv), { delimiter: ',', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const TITLES = [
  'Ministère de la Culture et des Communications',
  'Tournées soutenues par région, 2019-2020 à 2024-2025 (en nombre)'
];
const FOOTNOTES = [
  'Source : Ministère de la Culture et des Communications, programme Soutien aux tournées, extraction du 12 mai 2025.',
  'Note : Les données de 2024-2025 sont préliminaires.'
];

// The same Québec-ministry workbook, written by SheetJS (.xlsx) and saved again by LibreOffice (.ods, .xls).
describe.each(['xlsx', 'ods', 'xls'])('A ministry workbook (.%s)', (ext) => {
  const bytes = fixture(`tournees.${ext}`);

  it('lists every sheet with its size, and reads the first visible table by default', () => {
    const table = readSheet(bytes);
    expect(table.sheets.map(({ name, rows, columns }) => ({ name, rows, columns }))).toEqual([
      { name: 'Paramètres', rows: 2, columns: 2 },
      { name: 'Tournées', rows: 16, columns: 7 },
      { name: 'Subventions 2024-2025', rows: 13, columns: 7 },
      { name: 'Notes', rows: 4, columns: 1 }
    ]);
    // SheetJS reads no sheet visibility from an ODS: there the hidden « Paramètres » comes first.
    if (ext === 'ods') return;
    expect(table.sheets.map((s) => s.hidden)).toEqual([true, false, false, false]);
    expect(table.sheet).toBe('Tournées');
  });

  it('finds the header under the title rows, and leaves the titles and footnotes out of the data', () => {
    const table = readSheet(bytes, { sheet: 'Tournées' });
    expect(table.headerRow).toBe(4);
    expect(table.titles).toEqual(TITLES);
    expect(table.footnotes).toEqual(FOOTNOTES);
    expect(records(table)).toEqual([
      ['Région', '2019-2020', '2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025'],
      ['Bas-Saint-Laurent', '12', '3', '9', '14', '15', '17'],
      ['Saguenay–Lac-Saint-Jean', '18', '4', '11', '19', '21', '20'],
      ['Capitale-Nationale', '64', '12', '30', '58', '71', '75'],
      ['Mauricie', '9', '1', '6', '10', '12', '11'],
      ['Estrie', '15', '2', '8', '16', '18', '19'],
      ['Montréal', '212', '41', '97', '188', '230', '244'],
      ['Outaouais', '21', '5', '12', '22', '25', '27'],
      ['Gaspésie–Îles-de-la-Madeleine', '7', '#REF!', '4', '6', '8', '9'],
      ['TOTAL', '358', '#REF!', '177', '333', '400', '422']
    ]);
    expect(table.header).toEqual(records(table)[0]);
  });

  it('locates each formula error by sheet and cell, and maps each record and column back to its cell', () => {
    const table = readSheet(bytes, { sheet: 'Tournées' });
    expect(table.errors).toEqual([
      { cell: 'Tournées!C12', text: '#REF!' },
      { cell: 'Tournées!C13', text: '#REF!' }
    ]);
    expect([...table.rowNumbers]).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(table.columns).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Record 8, column 2 of the CSV (Gaspésie, 2020-2021) is the cell the error names.
    const [record, column] = [8, 2];
    expect(records(table)[record]![column]).toBe('#REF!');
    expect(cellAddress(table.columns[column]!, table.rowNumbers[record - 1]!)).toBe('C12');
  });

  it('takes amounts, percentages, dates and months as typed, not as displayed', () => {
    const table = readSheet(bytes, { sheet: 'Subventions 2024-2025' });
    expect(table.headerRow).toBe(5);
    expect(table.titles).toEqual([
      'Ministère de la Culture et des Communications',
      'Subventions aux tournées internationales par région, 2024-2025',
      '(en dollars)'
    ]);
    // Amounts display without cents (« 1 234 568 $ »); the file holds them.
    expect(records(table)).toEqual([
      ['Indicateur', 'Exercice financier', 'Région', 'Valeur', 'Part du total', 'Date de la décision', 'Mois du versement'],
      ['Subventions aux tournées', '2024-2025', 'Montréal', '1234567.89', '45.55', '2024-06-14', '2024-09'],
      ['Subventions aux tournées', '2024-2025', 'Capitale-Nationale', '654321.5', '25.5', '2024-07-03', '2024-10'],
      ['Subventions aux tournées', '2024-2025', 'Estrie', '98765.4321', '3.85', '2024-08-21', '2024-11'],
      ['Subventions aux tournées', '2024-2025', 'Outaouais', '0.5', '#DIV/0!', '2025-01-09', '2025-02'],
      ['TOTAL', '2024-2025', '', '1987655.3221', '100', '', '']
    ]);
    expect(table.percentColumns).toEqual([4]);
    expect(table.errors).toEqual([{ cell: "'Subventions 2024-2025'!E9", text: '#DIV/0!' }]);
    expect(table.footnotes).toHaveLength(2);
  });

  it('reads a sheet of text as one column, and takes the header row the manager names', () => {
    const notes = readSheet(bytes, { sheet: 'Notes' });
    expect(notes.header).toEqual(['Notes méthodologiques']);
    expect(records(notes)).toHaveLength(3);
    const chosen = readSheet(bytes, { sheet: 'Tournées', headerRow: 5 });
    expect(chosen.header).toEqual(['Bas-Saint-Laurent', '12', '3', '9', '14', '15', '17']);
    expect(chosen.titles).toEqual([...TITLES, 'Région 2019-2020 2020-2021 2021-2022 2022-2023 2023-2024 2024-2025']);
    expect(chosen.rowNumbers[0]).toBe(6);
  });

  it('refuses a sheet it does not have, by name', () => {
    expect(() => readSheet(bytes, { sheet: 'Feuil9' })).toThrow(expect.objectContaining({ code: 'no_sheet' }));
    expect(() => readSheet(bytes, { sheet: 'Feuil9' })).toThrow(WorkbookError);
  });
});
