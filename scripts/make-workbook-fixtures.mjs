// Writes the workbook fixtures of tests/unit/import/workbook.test.ts: one Québec-ministry-style workbook
// written as .xlsx by SheetJS, so a reviewer sees every cell that went in, then saved as .ods and .xls
// (Excel 97 BIFF8) by LibreOffice, as a manager's office suite would: a second writer, so the reader is
// not only tested on its own library's output (SheetJS's ODS writer also drops error cells and formats).
//   node scripts/make-workbook-fixtures.mjs      (needs `soffice`: Debian's libreoffice-calc)
// What it holds (the tests assert it):
// - « Paramètres » (hidden): a small table, so the first *visible* table is the default;
// - « Tournées »: two title rows merged across the table, a blank row, a wide table (Région, six fiscal
//   years), a TOTAL row of SUM formulas, a #REF! in C12 that its total C13 inherits, then after a blank
//   row a « Source : » and a « Note : » footnote;
// - « Subventions 2024-2025 »: three title rows (the last one the unit), a long table with a decimal
//   amount displayed without cents, a percentage, a date, a month, a #DIV/0! and a TOTAL row, footnotes;
// - « Notes »: text only.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';

const REF = 0x17; // #REF!
const DIV0 = 0x07; // #DIV/0!

/** Days since 1899-12-30, the 1900 date system's serial for dates after February 1900. */
const serial = (iso) => Date.UTC(...iso.split('-').map((p, i) => Number(p) - (i === 1 ? 1 : 0))) / 86_400_000 + 25_569;

const years = ['2019-2020', '2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025'];
const tours = [
  ['Bas-Saint-Laurent', 12, 3, 9, 14, 15, 17],
  ['Saguenay–Lac-Saint-Jean', 18, 4, 11, 19, 21, 20],
  ['Capitale-Nationale', 64, 12, 30, 58, 71, 75],
  ['Mauricie', 9, 1, 6, 10, 12, 11],
  ['Estrie', 15, 2, 8, 16, 18, 19],
  ['Montréal', 212, 41, 97, 188, 230, 244],
  ['Outaouais', 21, 5, 12, 22, 25, 27],
  ['Gaspésie–Îles-de-la-Madeleine', 7, null, 4, 6, 8, 9]
];

function toursSheet() {
  const first = 5; // sheet row of the first region
  const last = first + tours.length - 1;
  const rows = [
    ['Ministère de la Culture et des Communications'],
    ['Tournées soutenues par région, 2019-2020 à 2024-2025 (en nombre)'],
    [],
    ['Région', ...years],
    // Gaspésie's 2020-2021 cell (C12) is a formula whose reference was deleted: Excel shows #REF!.
    ...tours.map(([region, ...counts]) => [
      region,
      ...counts.map((n) => (n === null ? { t: 'e', v: REF, f: '#REF!+0', w: '#REF!' } : n))
    ]),
    [
      'TOTAL',
      ...years.map((_, j) => {
        const col = XLSX.utils.encode_col(j + 1);
        const f = `SUM(${col}${first}:${col}${last})`;
        const values = tours.map((r) => r[j + 1]);
        return values.includes(null) ? { t: 'e', v: REF, f, w: '#REF!' } : { t: 'n', v: values.reduce((a, b) => a + b, 0), f };
      })
    ],
    [],
    ['Source : Ministère de la Culture et des Communications, programme Soutien aux tournées, extraction du 12 mai 2025.'],
    ['Note : Les données de 2024-2025 sont préliminaires.']
  ];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = [XLSX.utils.decode_range('A1:G1'), XLSX.utils.decode_range('A2:G2')];
  return ws;
}

const grants = [
  ['Montréal', 1_234_567.89, 0.4555, '2024-06-14', '2024-09-01'],
  ['Capitale-Nationale', 654_321.5, 0.255, '2024-07-03', '2024-10-01'],
  ['Estrie', 98_765.4321, 0.0385, '2024-08-21', '2024-11-01'],
  ['Outaouais', 0.5, null, '2025-01-09', '2025-02-01']
];

function grantsSheet() {
  const money = '#,##0 "$"'; // shows no cents: the file's value must keep them
  const total = grants.reduce((a, g) => a + g[1], 0);
  const rows = [
    ['Ministère de la Culture et des Communications'],
    ['Subventions aux tournées internationales par région, 2024-2025'],
    ['(en dollars)'],
    [],
    ['Indicateur', 'Exercice financier', 'Région', 'Valeur', 'Part du total', 'Date de la décision', 'Mois du versement'],
    ...grants.map(([region, amount, share, decided, paid], i) => [
      'Subventions aux tournées',
      '2024-2025',
      region,
      { t: 'n', v: amount, z: money },
      share === null ? { t: 'e', v: DIV0, f: `D${6 + i}/0`, w: '#DIV/0!' } : { t: 'n', v: share, z: '0.0%' },
      { t: 'n', v: serial(decided), z: 'yyyy-mm-dd' },
      { t: 'n', v: serial(paid), z: 'mmmm yyyy' }
    ]),
    ['TOTAL', '2024-2025', null, { t: 'n', v: total, z: money, f: `SUM(D6:D${5 + grants.length})` }, { t: 'n', v: 1, z: '0.0%' }],
    [],
    ['Source : Ministère de la Culture et des Communications, Système de gestion des aides financières.'],
    ['Note : Montants en dollars courants ; une part est incalculable quand le total est nul.']
  ];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = ['A1:G1', 'A2:G2', 'A3:G3'].map((r) => XLSX.utils.decode_range(r));
  return ws;
}

function notesSheet() {
  return XLSX.utils.aoa_to_sheet([
    ['Notes méthodologiques'],
    [],
    ['Une tournée est comptée dans l’exercice financier où elle commence (1er avril au 31 mars).'],
    ['Les régions sont les régions administratives du Québec.']
  ]);
}

function paramsSheet() {
  return XLSX.utils.aoa_to_sheet([
    ['Paramètre', 'Valeur'],
    ['Seuil', 10]
  ]);
}

const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, paramsSheet(), 'Paramètres');
XLSX.utils.book_append_sheet(wb, toursSheet(), 'Tournées');
XLSX.utils.book_append_sheet(wb, grantsSheet(), 'Subventions 2024-2025');
XLSX.utils.book_append_sheet(wb, notesSheet(), 'Notes');
wb.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }, { Hidden: 0 }, { Hidden: 0 }] };
// Fixed document dates, so that writing the fixtures again gives the same cells and properties.
wb.Props = { Title: 'Tournées soutenues', Author: 'MCC', CreatedDate: new Date(Date.UTC(2025, 4, 12)) };

const out = fileURLToPath(new URL('../tests/fixtures/', import.meta.url));
mkdirSync(out, { recursive: true });
const xlsx = join(out, 'tournees.xlsx');
writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
console.log(`${xlsx} (SheetJS ${XLSX.version})`);
// A profile of its own, so that a LibreOffice already open elsewhere does not take the conversion.
const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
try {
  for (const ext of ['ods', 'xls']) {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', ext, '--outdir', out, xlsx],
      {
        stdio: 'inherit'
      }
    );
  }
} finally {
  rmSync(profile, { recursive: true, force: true });
}
