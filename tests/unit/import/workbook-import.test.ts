import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { analyseBytes } from '$lib/import/analyse';
import { engineWith } from '../queries/engine';
import { analysed, drawn, loaded, panel } from './load';

// The ministry-style workbook of scripts/make-workbook-fixtures.mjs, as Excel, LibreOffice and Excel 97 save it.
const book = (ext: string) => new Uint8Array(readFileSync(`tests/fixtures/tournees.${ext}`));

let db: Connector;
beforeAll(async () => {
  db = await engineWith([]);
});

describe('Excel and OpenDocument workbooks go through the same mapping, validation and load as a CSV', () => {
  it.each(['xlsx', 'ods', 'xls'])(
    'reads the first visible table of a .%s under its titles, its TOTAL recognised',
    async (ext) => {
      // SheetJS does not read an ODS sheet's visibility: there the hidden « Paramètres » comes first.
      const first = await analyseBytes(db, book(ext));
      expect(first).toMatchObject({ ok: true, workbook: { sheet: ext === 'ods' ? 'Paramètres' : 'Tournées' } });
      const bare = await analyseBytes(db, book(ext), { sheet: 'Tournées' });
      if (!bare.ok) throw new Error(`refused: ${bare.problem}`);
      expect(bare.workbook).toMatchObject({ sheet: 'Tournées', headerRow: 4 });
      expect(bare.workbook!.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['Paramètres', ext !== 'ods'],
        ['Tournées', false],
        ['Subventions 2024-2025', false],
        ['Notes', false]
      ]);
      expect(bare.workbook!.titles).toHaveLength(2);
      expect(bare.workbook!.footnotes[0]).toMatch(/^Source :/);
      expect(bare.mapping.layout).toBe('wide');
      // A sheet of one indicator: the manager names it.
      expect(bare.missing).toEqual(['indicator']);
      const a = await analysed(db, book(ext), { sheet: 'Tournées', mapping: { ...bare.mapping, indicatorConstant: 'tours' } });
      // « (en nombre) » in the title: counts, as the indicator is.
      expect(a.stage!.headerUnit).toEqual({ kind: 'count', scale: 1 });
      expect(a.stage!.aggregates[0]).toMatchObject({ column: 'Région', totals: [{ member: 'TOTAL' }], parts: 8 });
      // The TOTAL of 2020-2021 is itself #REF!: refused and located by its cell.
      expect(a.check!.problems).toEqual([
        { line: 13, column: '2020-2021', cell: 'Tournées!C13', code: 'formula_error', text: '#REF!' }
      ]);
    }
  );

  it('loads the TOTAL row, and the indicator page draws its figures', async () => {
    const bare = await analyseBytes(db, book('xlsx'));
    if (!bare.ok) throw new Error('refused');
    await loaded(db, book('xlsx'), { mapping: { ...bare.mapping, indicatorConstant: 'tours' } });
    expect(await drawn(db, 'tours')).toEqual([
      ['2019-2020', 358],
      ['2021-2022', 177],
      ['2022-2023', 333],
      ['2023-2024', 400],
      ['2024-2025', 422]
    ]);
    expect((await panel(db, 'tours')).latest?.value).toBe(422);
  });

  it('reads another sheet: amounts with their cents, fiscal years, dollars from its title, the TOTAL line set aside', async () => {
    const a = await loaded(db, book('xlsx'), {
      sheet: 'Subventions 2024-2025',
      indicatorMap: { 'Subventions aux tournées': 'money' }
    });
    expect(a.workbook).toMatchObject({ sheet: 'Subventions 2024-2025', headerRow: 5 });
    expect(a.mapping.fiscal).toBe(true);
    expect(a.stage!.headerUnit).toEqual({ kind: 'CAD', scale: 1 });
    expect(a.indicatorMap.TOTAL).toBe('');
    expect(a.check).toMatchObject({ accepted: 4, rejected: 0, aside: { indicator: 1 } });
    const points = await drawn(db, 'money');
    expect(points.map(([p]) => p)).toEqual(['2024-2025']);
    expect(points[0]![1]).toBeCloseTo(1_234_567.89 + 654_321.5 + 98_765.4321 + 0.5, 4);
  });

  it('refuses a damaged workbook as a whole, with its reason', async () => {
    const corrupt = book('xlsx').slice(0, 2000);
    const a = await analyseBytes(db, corrupt);
    expect(a).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});
