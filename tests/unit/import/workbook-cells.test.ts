import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellAddress, readSheet, type SheetTable } from '$lib/import/workbook';
import { plainDecimal } from '$lib/import/workbook-cell';
import { typed, xlsx } from './workbooks';

const records = (table: SheetTable) =>
  Papa.parse<string[]>(new TextDecoder().decode(table.csv), { delimiter: ',', skipEmptyLines: true }).data;
/** The data values of a one-column sheet whose header is `v`. */
const column = (cells: unknown[], options: { date1904?: boolean } = {}) =>
  records(readSheet(xlsx({ Feuil1: [['v'], ...cells.map((c) => [c])] }, options)))
    .slice(1)
    .map((r) => r[0]);

describe('Cell values', () => {
  it('writes numbers in full with a point, whatever they display, never in exponent notation', () => {
    expect(
      column([
        typed(1234567.891, '# ##0'),
        typed(0.1 + 0.2, '0.0'),
        typed(-1234.5, '#,##0.00 "$"'),
        1e-7,
        1e21,
        typed(2.5, '0.00E+00'),
        typed(42, '@')
      ])
    ).toEqual(['1234567.891', '0.30000000000000004', '-1234.5', '0.0000001', '1000000000000000000000', '2.5', '42']);
  });

  it('writes percentages ×100 on the digits, without floating-point noise', () => {
    const table = readSheet(
      xlsx({ Feuil1: [['Part', 'n'], ...[0.255, 0.07, 1.5, -0.001, 0.123456789].map((v) => [typed(v, '0.0%'), 1])] })
    );
    expect(records(table).map((r) => r[0])).toEqual(['Part', '25.5', '7', '150', '-0.1', '12.3456789']);
    expect(table.percentColumns).toEqual([0]);
    expect(0.07 * 100).not.toBe(7); // what multiplying would have written: 7.000000000000001
    expect(plainDecimal('1e-7', 2)).toBe('0.00001');
  });

  it('writes dates at the precision their format shows, from either date system', () => {
    // 45457 is 2024-06-14 counted from 1900; from 1904 it is four years and a day later.
    const cells = [
      typed(45457, 'yyyy-mm-dd'),
      typed(45457, 'd mmmm yyyy'),
      typed(45457, '[$-fr-CA]mmmm yyyy'),
      typed(45457, 'mmm-yy'),
      typed(45457, 'yyyy'),
      typed(45457.5625, 'yyyy-mm-dd hh:mm'),
      typed(0.5625, 'h:mm'),
      typed(45457, 'm/d/yy'),
      typed(59, 'yyyy-mm-dd'),
      typed(61, 'yyyy-mm-dd')
    ];
    expect(column(cells)).toEqual([
      '2024-06-14',
      '2024-06-14',
      '2024-06',
      '2024-06',
      '2024',
      '2024-06-14 13:30:00',
      '13:30:00',
      '2024-06-14',
      '1900-02-28',
      '1900-03-01'
    ]);
    expect(column([typed(45457, 'yyyy-mm-dd'), typed(0, 'yyyy-mm-dd')], { date1904: true })).toEqual([
      '2028-06-15',
      '1904-01-01'
    ]);
  });

  it('keeps booleans and text as they are: formulas-looking text stays text, quoted where CSV needs it', () => {
    const texts = ['=SUM(A1:A2)', '+33 1 23', '-5 %', '@handle', 'Foire, « marché » "Mundial"', 'deux\nlignes', '  espacé  '];
    expect(column([true, false, ...texts])).toEqual(['TRUE', 'FALSE', ...texts]);
  });

  it('names each formula error by its cell, with its text in the CSV', () => {
    const errors = [0x00, 0x07, 0x0f, 0x17, 0x1d, 0x24, 0x2a].map((v) => ({ t: 'e', v }));
    const table = readSheet(xlsx({ Feuil1: [['Région', 'Valeur'], ...errors.map((e, i) => [`R${i}`, e])] }));
    expect(table.errors).toEqual(
      ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A'].map((text, i) => ({ cell: `Feuil1!B${i + 2}`, text }))
    );
    expect(records(table).map((r) => r[1])).toEqual([
      'Valeur',
      '#NULL!',
      '#DIV/0!',
      '#VALUE!',
      '#REF!',
      '#NAME?',
      '#NUM!',
      '#N/A'
    ]);
  });
});

describe('Finding the table', () => {
  it('takes the names under a heading of merged groups, a vertically merged name for the cell under it', () => {
    const rows = [
      ['Tournées par région'],
      ['Région', 'Nombre de tournées', null, 'Montant'],
      [null, '2023-2024', '2024-2025', '2024-2025'],
      ['Estrie', 12, 14, 1500.5],
      ['Montréal', 40, 41, 9000]
    ];
    const bytes = xlsx({ Feuil1: rows }, { merges: { Feuil1: ['A1:D1', 'A2:A3', 'B2:C2'] } });
    const table = readSheet(bytes);
    expect(table.headerRow).toBe(3);
    expect(table.header).toEqual(['Région', '2023-2024', '2024-2025', '2024-2025 (D)']);
    expect(table.titles).toEqual(['Tournées par région', 'Région Nombre de tournées Montant']);
    expect(records(table)[1]).toEqual(['Estrie', '12', '14', '1500.5']);
  });

  it('names a blank or merged-over header cell by its column letter, and a repeated name with its letter', () => {
    const rows = [
      ['Région', 'Valeur', null, null, 'Valeur'],
      ['Estrie', 12, 3, 4, 5]
    ];
    const table = readSheet(xlsx({ Feuil1: rows }, { merges: { Feuil1: ['B1:C1'] } }));
    expect(table.header).toEqual(['Région', 'Valeur', 'C', 'D', 'Valeur (E)']);
  });

  it('maps a table that starts in column B and has a blank column to the sheet cells', () => {
    const table = readSheet(
      xlsx({
        Feuil1: [[], [null, 'Région', null, 'Valeur'], [null, 'Estrie', null, 12], [null, 'Montréal', null, { t: 'e', v: 0x17 }]]
      })
    );
    expect(table.headerRow).toBe(2);
    expect(table.columns).toEqual([1, 3]);
    expect(records(table)).toEqual([
      ['Région', 'Valeur'],
      ['Estrie', '12'],
      ['Montréal', '#REF!']
    ]);
    expect(table.errors).toEqual([{ cell: 'Feuil1!D4', text: '#REF!' }]);
    expect(cellAddress(table.columns[1]!, table.rowNumbers[1]!)).toBe('D4');
  });

  it('keeps a one-cell section row and blank-separated data, and leaves out notes right under the total', () => {
    const table = readSheet(
      xlsx({
        Feuil1: [
          ['Région', '2023', '2024'],
          ['Régions centrales'],
          ['Montréal', 40, 41],
          [],
          ['Régions ressources'],
          ['Gaspésie', 4, 5],
          ['TOTAL', 44, 46],
          ['Source : MCC.'],
          ['* Données préliminaires.'],
          [],
          ['Compilation : Direction de la recherche'],
          ['(1) Tournées de plus de trois dates.']
        ]
      })
    );
    expect(records(table).map((r) => r[0])).toEqual([
      'Région',
      'Régions centrales',
      'Montréal',
      'Régions ressources',
      'Gaspésie',
      'TOTAL'
    ]);
    expect([...table.rowNumbers]).toEqual([2, 3, 5, 6, 7]);
    expect(table.footnotes).toEqual([
      'Source : MCC.',
      '* Données préliminaires.',
      'Compilation : Direction de la recherche',
      '(1) Tournées de plus de trois dates.'
    ]);
  });

  it('skips a hidden sheet and a sheet without a table for the default, and says an empty workbook is empty', () => {
    const bytes = xlsx({
      Lisez_moi: [['Ce classeur présente les tournées.']],
      Données: [
        ['Région', 'Valeur'],
        ['Estrie', 12]
      ]
    });
    expect(readSheet(bytes).sheet).toBe('Données');
    const empty = readSheet(xlsx({ Feuil1: [] }));
    expect(empty).toMatchObject({ sheet: 'Feuil1', headerRow: 0, header: [], rowNumbers: new Int32Array(0) });
    expect(empty.csv.length).toBe(0);
  });
});
