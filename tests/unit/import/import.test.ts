import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { analyseBytes, type Analysis } from '$lib/import/analyse';
import { commitImport } from '$lib/import/pipeline';
import { NO_FILTERS } from '$lib/queries/filters';
import { seriesQuery, type SeriesPoint } from '$lib/queries/observations';
import { engineWith, readDataDir } from '../queries/engine';
import { broken, canonical, frenchExcel, quotedPipes, tabs, utf8, wide } from './files';

let db: Connector;
beforeAll(async () => {
  db = await engineWith((await readDataDir('data')).files);
});

type Ok = Extract<Analysis, { ok: true }>;
async function analyse(bytes: Uint8Array): Promise<Ok> {
  const a = await analyseBytes(db, bytes);
  if (!a.ok) throw new Error(`refused: ${a.problem}`);
  return a;
}
const series = async (id: string) => (await db.query<SeriesPoint>(seriesQuery([id], NO_FILTERS))).map((r) => [r.period, r.value]);

describe('files managers really have', () => {
  it('reads the canonical long format', async () => {
    const a = await analyse(utf8(canonical));
    expect(a.sniffed.dialect).toEqual({ encoding: 'utf-8', delimiter: ',', decimal: '.' });
    expect(a.check).toMatchObject({ accepted: 3, rejected: 0 });
  });

  it('reads a French Excel export: Windows-1252, semicolons, decimal comma, spaced thousands, $', async () => {
    const a = await analyse(frenchExcel);
    expect(a.sniffed.dialect).toEqual({ encoding: 'windows-1252', delimiter: ';', decimal: ',' });
    expect(a.sniffed.header).toEqual(['Indicateur', 'Période', 'Valeur', 'Région', 'Discipline', 'Remarque']);
    // French headers mapped; names matched to the catalogue whatever the apostrophe and accents.
    expect(a.mapping.columns).toMatchObject({ indicator: 0, period: 1, value: 2, region: 3, discipline: 4, note: 5 });
    expect(a.indicatorMap['Aide financière à l’exportation et aux tournées']).toBe('aide_exportation');
    expect(a.check).toMatchObject({ accepted: 3, rejected: 0 });
    const rows = await db.query<{ value: number; note: string }>({
      sql: 'SELECT value, note FROM import_checked ORDER BY rec'
    });
    expect(rows.map((r) => r.value)).toEqual([1234567.5, 2000000, 45]);
    expect(rows[0]!.note).toBe('Œuvre « phare »');
  });

  it('reads UTF-8 with a BOM, pipes, and quoted fields holding pipes, quotes and newlines', async () => {
    const a = await analyse(quotedPipes);
    expect(a.sniffed.dialect.delimiter).toBe('|');
    expect(a.sniffed.header[0]).toBe('indicator_id');
    expect(a.check).toMatchObject({ accepted: 3, rejected: 0 });
    const notes = await db.query<{ note: string | null; value: number }>({ sql: 'SELECT note, value FROM import_checked ORDER BY rec' });
    expect(notes.map((n) => n.note)).toEqual(['Foire | marché "Mundial"', 'deux\nlignes', null]);
    expect(notes[2]!.value).toBe(5000);
  });

  it('reads tab-separated files', async () => {
    const a = await analyse(tabs);
    expect(a.sniffed.dialect.delimiter).toBe('\t');
    expect(a.check).toMatchObject({ accepted: 1 });
  });

  it('unpivots a wide layout, one column per period; "x" is kept missing, an empty cell is not a value', async () => {
    const a = await analyse(wide);
    expect(a.mapping.layout).toBe('wide');
    expect(a.mapping.periodColumns).toEqual([2, 3, 4]);
    expect(a.check).toMatchObject({ accepted: 5, rejected: 0 });
    const rows = await db.query<{ indicator_id: string; period: string; value: number | null; missing: string | null }>({
      sql: 'SELECT indicator_id, period, value, missing FROM import_checked ORDER BY rec, source_column'
    });
    expect(rows.map((r) => [r.indicator_id, r.period, r.value, r.missing])).toEqual([
      ['tournees_soutenues', '2016-2017', 150, null],
      ['tournees_soutenues', '2018', 160, null],
      ['tournees_soutenues', '2019-Q1', 40, null],
      ['vitrines_etranger', '2016-2017', 30, null],
      ['vitrines_etranger', '2019-Q1', null, 'suppressed']
    ]);
  });

  it('reads a real Statistics Canada table: scale factor applied, ".." kept missing', async () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/statcan_25-10-0017-01.csv'));
    const a = await analyse(bytes);
    expect(a.mapping.layout).toBe('statcan');
    expect(a.sniffed.header[3]).toBe('Fuel consumed for electric power generation');
    // The fuels are not culture indicators: the manager maps them; here, one for the test.
    const map = Object.fromEntries(a.stage!.labels.map((l) => [l.label, 'tournees_soutenues']));
    const b = await analyseBytes(db, bytes, { indicatorMap: map });
    if (!b.ok) throw new Error('refused');
    expect(b.check!.counts.value_nan).toBeUndefined();
    const rows = await db.query<{ value: number | null; missing: string | null; scalar: string; value_text: string }>({
      sql: `SELECT value, missing, scalar, value_text FROM import_checked WHERE period = '2005' AND region = 'Canada' AND indicator_raw IN ('Total coal', 'Methane')`
    });
    const coal = rows.find((r) => r.value_text === '51735781');
    expect(coal?.value).toBe(51735781); // "units " with its trailing space: × 1
    const thousands = await db.query<{ value: number; value_text: string }>({
      sql: `SELECT value, value_text FROM import_checked WHERE trim(scalar) = 'thousands' AND value IS NOT NULL LIMIT 1`
    });
    expect(thousands[0]!.value).toBe(Number(thousands[0]!.value_text) * 1000);
    const missing = await db.query<{ n: number }>({ sql: `SELECT CAST(count(*) AS INTEGER) AS n FROM import_checked WHERE status = '..' AND value IS NULL AND missing = 'not_available'` });
    expect(missing[0]!.n).toBe(37);
  });
});
