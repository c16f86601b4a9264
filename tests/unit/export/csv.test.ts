import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, csvDialect, neutralise, toCsv, type CsvTable } from '$lib/charts/export/csv';
import { exportFileName, slugify } from '$lib/charts/export/filename';
import { timeSeriesSpec } from '$lib/charts/export/spec';
import { translator } from '$lib/i18n/dict';
import { NO_FILTERS } from '$lib/queries/filters';
import { fy, touring } from './fixtures';

/** Reads our CSV back as a spreadsheet of that language would: BOM off, its delimiter, its decimal mark. */
function readBack(text: string, lang: 'fr' | 'en') {
  expect(text.startsWith(BOM)).toBe(true);
  const { delimiter, decimal } = csvDialect(lang);
  const parsed = Papa.parse<string[]>(text.slice(1), { delimiter, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const number = (cell: string) => (cell === '' ? null : Number(decimal === ',' ? cell.replace(',', '.') : cell));
  return { rows: parsed.data, number };
}

const tricky: CsvTable = {
  header: ['Période', 'Valeur', 'Note'],
  rows: [
    ['2019-2020', 1234.5, 'Guillemets "doubles"; point-virgule, virgule'],
    ['2020-2021', -12, 'Deux\nlignes'],
    ['2021-2022', null, 'Québec, Montréal — é à ç œ'],
    ['2022-2023', 0.1 + 0.2, '']
  ]
};

describe('CSV export', () => {
  it.each(['fr', 'en'] as const)('round-trips through papaparse with the same values (%s)', (lang) => {
    const { rows, number } = readBack(toCsv(tricky, csvDialect(lang)), lang);
    expect(rows[0]).toEqual(tricky.header);
    expect(rows.slice(1).map((r) => r[0])).toEqual(tricky.rows.map((r) => r[0]));
    expect(rows.slice(1).map((r) => number(r[1]!))).toEqual([1234.5, -12, null, 0.3]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(tricky.rows.map((r) => r[2]));
  });

  it('starts with the UTF-8 byte order mark and ends lines with CRLF', () => {
    const text = toCsv(tricky, csvDialect('fr'));
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(text.split('\r\n')[0]).toBe(`${BOM}Période;Valeur;Note`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes numbers as French Excel reads them: `;` between fields, decimal comma, no grouping', () => {
    const text = toCsv({ header: ['a', 'b'], rows: [[14_000_000, 54.9]] }, csvDialect('fr'));
    expect(text.split('\r\n')[1]).toBe('14000000;54,9');
  });

  it('neutralises cells a spreadsheet would take for a formula', () => {
    const attacks = ['=HYPERLINK("http://x.test","clic")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "=cmd|' /C calc'!A0"];
    const text = toCsv({ header: ['x'], rows: attacks.map((a) => [a]) }, csvDialect('fr'));
    const { rows } = readBack(text, 'fr');
    const cells = rows.slice(1).map((r) => r[0]!);
    expect(cells).toEqual(attacks.map((a) => `'${a}`));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // Numbers are ours, never formulas: a negative value stays a number.
    expect(toCsv({ header: ['n'], rows: [[-5]] }, csvDialect('en')).split('\r\n')[1]).toBe('-5');
    expect(neutralise('Europe')).toBe('Europe');
  });

  it('holds exactly the columns of the chart, period by period, with their sample mark', () => {
    const t = translator('fr');
    const spec = timeSeriesSpec({
      subject: 'tournees',
      title: "Tournées et soutien à l'exportation",
      subtitle: null,
      sources: [],
      unitLabel: 'Nombre',
      height: 190,
      chart: {
        series: touring,
        unit: 'count',
        measure: 'flow',
        lang: 'fr',
        words: { uncertain: 'u', missing: 'm', missingShort: 'n', partial: 'p', chartRole: 'c', pickedFrom: 'f' }
      },
      t
    });
    const { rows, number } = readBack(toCsv(spec.table, csvDialect('fr')), 'fr');
    expect(rows[0]).toEqual(['Période', 'Début', 'Fin', 'Valeur (Nombre)', "Données d'exemple", 'Source']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['2018-2019', '2019-2020', '2020-2021', '2021-2022', '2022-2023']);
    expect(rows.slice(1).map((r) => number(r[3]!))).toEqual([352, 368.5, 60, null, 299]);
    expect(rows[1]!.slice(1, 3)).toEqual(['2018-04-01', '2019-03-31']);
    expect(rows.slice(1).every((r) => r[4] === 'Oui')).toBe(true);
    expect(spec.span).toEqual([2018, 2023]);
    expect(spec.sample).toBe(true);
  });

  it('gives a column to each stacked series, and names real sources', () => {
    const t = translator('en');
    const real = { sample: false, source: 'MRIF, rapport annuel' };
    const spec = timeSeriesSpec({
      subject: 'tournees',
      title: 'Tours',
      subtitle: null,
      sources: ['MRIF, rapport annuel'],
      unitLabel: 'Count',
      height: 220,
      chart: {
        series: [
          { key: 'Europe', label: 'Europe', colour: '#0072B2', points: [fy(2019, 10, real), fy(2020, 4, real)] },
          { key: 'Asie', label: 'Asia', colour: '#E69F00', points: [fy(2019, 3, real)] }
        ],
        unit: 'count',
        measure: 'flow',
        lang: 'en',
        words: { uncertain: 'u', missing: 'm', missingShort: 'n', partial: 'p', chartRole: 'c', pickedFrom: 'f' }
      },
      t
    });
    const { rows, number } = readBack(toCsv(spec.table, csvDialect('en')), 'en');
    expect(rows[0]).toEqual(['Period', 'Start', 'End', 'Europe: Count', 'Asia: Count', 'Sample data', 'Source']);
    expect(rows.slice(1).map((r) => [r[0], number(r[3]!), number(r[4]!), r[5], r[6]])).toEqual([
      ['2019-2020', 10, 3, 'No', 'MRIF, rapport annuel'],
      ['2020-2021', 4, null, 'No', 'MRIF, rapport annuel']
    ]);
    expect(spec.legend.map((l) => l.label)).toEqual(['Europe', 'Asia']);
  });
});

describe('export description', () => {
  it('adds up stacked flows but gives levels drawn as lines one by one', () => {
    const t = translator('fr');
    const lines = (measure: 'flow' | 'stock') =>
      timeSeriesSpec({
        subject: 'ententes',
        title: 'Engagements cumulés',
        subtitle: null,
        sources: [],
        unitLabel: 'Nombre',
        height: 220,
        chart: {
          series: [
            { key: 'early', label: 'Au plus tôt', colour: '#0072B2', points: [fy(2019, 14), fy(2020, 15)] },
            { key: 'late', label: 'Au plus tard', colour: '#E69F00', points: [fy(2019, 12), fy(2020, 15)] }
          ],
          unit: 'count',
          measure,
          lang: 'fr',
          words: { uncertain: 'u', missing: 'm', missingShort: 'n', partial: 'p', chartRole: 'c', pickedFrom: 'f' }
        },
        t
      }).description;
    expect(lines('stock')).toBe(
      'Engagements cumulés, de 2019-2020 à 2020-2021. Dernière valeur : Au plus tôt 15, Au plus tard 15 (2020-2021).'
    );
    expect(lines('flow')).toContain('Dernière valeur : 30 (2020-2021)');
  });
});

describe('export file names', () => {
  it('say what the file is: subject, filters, years, size, density, language', () => {
    expect(exportFileName({ subject: 'tournees', filters: NO_FILTERS, span: [2014, 2026], lang: 'fr', ext: 'png' })).toBe(
      'vigie-tournees-2014-2026-fr.png'
    );
    expect(
      exportFileName({
        subject: 'tournees_soutenues',
        filters: { ...NO_FILTERS, region: 'Amérique latine', from: 2016 },
        span: [2016, 2026],
        size: 'demi-diapo',
        density: 3,
        lang: 'en',
        ext: 'png'
      })
    ).toBe('vigie-tournees-soutenues-amerique-latine-2016-2026-demi-diapo-3x-en.png');
    expect(slugify("Coopération & Œuvres d'art")).toBe('cooperation-oeuvres-d-art');
  });
});
