import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { analyseBytes, type Analysis } from '$lib/import/analyse';
import { commitImport, exportDataset } from '$lib/import/pipeline';
import { rebuildDerived } from '$lib/engine/load';
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
    const notes = await db.query<{ note: string | null; value: number }>({
      sql: 'SELECT note, value FROM import_checked ORDER BY rec'
    });
    expect(notes.map((n) => n.note)).toEqual(['Foire | marché "Mundial"', 'deux\nlignes', null]);
    expect(notes[2]!.value).toBe(5000);
  });

  it('reads names and periods padded with no-break spaces (pasted from a web page) as the same names', async () => {
    // U+00A0 and U+202F, as a page or a spreadsheet leaves them around a cell; trim() removes them.
    const padded = canonical
      .replace('tournees_soutenues,2026-2027,120', '\u00a0tournees_soutenues\u00a0,2026-2027\u202f,120')
      .replace('aide_exportation,', 'aide_exportation\u202f,');
    const a = await analyse(utf8(padded));
    expect(a.check).toMatchObject({ accepted: 3, rejected: 0 });
    expect(Object.keys(a.indicatorMap).sort()).toEqual(['aide_exportation', 'tournees_soutenues']);
    const rows = await db.query<{ indicator_id: string; period: string }>({
      sql: 'SELECT indicator_id, period FROM import_checked ORDER BY rec'
    });
    expect(rows.map((r) => `${r.indicator_id} ${r.period}`)).toEqual([
      'tournees_soutenues 2026-2027',
      'tournees_soutenues 2026-2027',
      'aide_exportation 2026-2027'
    ]);
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
      sql: `SELECT c.value, c.missing, r.scalar, r.value_text FROM import_checked c JOIN import_rows r USING (rec)
        WHERE c.period = '2005' AND r.region = 'Canada' AND r.indicator_raw IN ('Total coal', 'Methane')`
    });
    const coal = rows.find((r) => r.value_text === '51735781');
    expect(coal?.value).toBe(51735781); // "units " with its trailing space: × 1
    const thousands = await db.query<{ value: number; value_text: string }>({
      sql: `SELECT c.value, r.value_text FROM import_checked c JOIN import_rows r USING (rec) WHERE trim(r.scalar) = 'thousands' AND c.value IS NOT NULL LIMIT 1`
    });
    expect(thousands[0]!.value).toBe(Number(thousands[0]!.value_text) * 1000);
    const missing = await db.query<{ n: number }>({
      sql: `SELECT CAST(count(*) AS INTEGER) AS n FROM import_checked c JOIN import_rows r USING (rec) WHERE r.status = '..' AND c.value IS NULL AND c.missing = 'not_available'`
    });
    expect(missing[0]!.n).toBe(37);
  });
});

describe('broken files: a clear reason, with the line and column, and nothing loaded changes', () => {
  const before = async () => ({ tours: await series('tournees_soutenues'), offices: await series('bureaux_etranger') });

  it.each([
    ['empty', broken.empty],
    ['header_only', broken.headerOnly],
    ['binary', broken.binary]
  ] as const)('refuses a file that is %s', async (problem, bytes) => {
    const was = await before();
    const a = await analyseBytes(db, bytes);
    expect(a).toMatchObject({ ok: false, problem });
    expect(await before()).toEqual(was);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const { fileProblem } = await import('$lib/import/analyse');
    const { MAX_IMPORT_BYTES } = await import('$lib/import/limits');
    const { sniff } = await import('$lib/import/detect');
    expect(MAX_IMPORT_BYTES).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    expect(fileProblem(MAX_IMPORT_BYTES + 1, sniff(utf8(canonical)))).toBe('too_large');
  });

  it.each([
    ['unclosedQuote', 'unclosed_quote', 3, 'note'],
    ['ragged', 'missing_columns', 3, 'value'],
    ['tooLong', 'too_many_columns', 3, null],
    ['notANumber', 'value_nan', 2, 'value'],
    ['negativeCount', 'value_negative', 2, 'value'],
    ['duplicate', 'duplicate_in_file', 3, 'value'],
    ['unknownIndicator', 'indicator_unknown', 2, 'indicator_id']
  ] as const)('reports %s as %s at line %i, column %s, each row counted once', async (name, code, line, column) => {
    const was = await before();
    const a = await analyse(broken[name]);
    expect(a.check!.problems).toContainEqual(expect.objectContaining({ code, line, column }));
    expect(a.check!.counts[code]).toBe(1);
    // Each of the file's rows counted once, whatever the reader found wrong with it.
    expect(a.check!.total).toBe(new TextDecoder().decode(broken[name]).trim().split('\n').length - 1);
    expect(await before()).toEqual(was);
  });

  it('reports every period it does not understand, with its text', async () => {
    const a = await analyse(broken.badPeriod);
    expect(a.check!.problems).toEqual([
      { line: 2, column: 'period', code: 'period_invalid', text: '2026-2028' },
      { line: 3, column: 'period', code: 'period_invalid', text: 'FY27' }
    ]);
  });

  it('finds rows that overlap data already loaded', async () => {
    const a = await analyse(broken.againstLoaded);
    expect(a.check!.overlaps).toEqual([{ indicator_id: 'bureaux_etranger', n: 1, first: '2024', last: '2024' }]);
  });
});

describe('loading', () => {
  it('appends the accepted rows in one step, leaving overlapping ones out', async () => {
    const fresh = await engineWith((await readDataDir('data')).files);
    const a = await analyseBytes(fresh, broken.againstLoaded);
    expect(a.ok).toBe(true);
    const { rows } = await commitImport(fresh, 'imports/bureaux.csv', 'Test', 'append');
    expect(rows).toBe(1);
    // What the browser keeps for the next visit: the accepted row only, as canonical CSV.
    const kept = new TextDecoder().decode(await exportDataset(fresh, 'imports/bureaux.csv'));
    expect(kept.trim().split('\n')).toEqual([
      'indicator_id,period,value,region,country,discipline,program,note,source',
      'bureaux_etranger,2025,36.0,,,,,,Test'
    ]);
    const values = (await fresh.query<SeriesPoint>(seriesQuery(['bureaux_etranger'], NO_FILTERS))).map((r) => [
      r.period,
      r.value
    ]);
    expect(values).toEqual([
      ['2019-02', 32],
      ['2020-02', 33],
      ['2024', 35],
      ['2025', 36]
    ]);
  });

  it('replaces overlapping periods when the manager chooses to', async () => {
    const fresh = await engineWith((await readDataDir('data')).files);
    await analyseBytes(fresh, broken.againstLoaded);
    await commitImport(fresh, 'imports/bureaux.csv', 'Test', 'replace');
    const values = (await fresh.query<SeriesPoint>(seriesQuery(['bureaux_etranger'], NO_FILTERS))).map((r) => [
      r.period,
      r.value
    ]);
    expect(values).toEqual([
      ['2019-02', 32],
      ['2020-02', 33],
      ['2024', 36],
      ['2025', 36]
    ]);
  });

  it.each([
    ['appended', broken.againstLoaded, 'append'],
    ['replacing', broken.againstLoaded, 'replace'],
    ['replacing sample data', utf8(canonical), 'replace'],
    ['wide, appended', wide, 'append']
  ] as const)('adds %s rows to the derived tables exactly as a full rebuild would', async (_, bytes, mode) => {
    const fresh = await engineWith((await readDataDir('data')).files);
    await analyseBytes(fresh, bytes);
    await commitImport(fresh, 'imports/test.csv', 'Test', mode);
    const tables = async () => ({
      observations: await fresh.query({ sql: 'SELECT * FROM observations ORDER BY ALL' }),
      // The partial lists (Arrow vectors) left out: their finished text (note, source) is compared.
      rollup: await fresh.query({
        sql: 'SELECT * EXCLUDE (notes, sources) FROM observations_by_region_discipline_program ORDER BY ALL'
      }),
      options: await fresh.query({ sql: 'SELECT * FROM filter_options ORDER BY ALL' })
    });
    const added = await tables();
    expect(added.observations.filter((r) => (r as { dataset: string }).dataset === 'imports/test.csv').length).toBeGreaterThan(0);
    await rebuildDerived(fresh);
    const rebuilt = await tables();
    expect(rebuilt).toEqual(added);
  });

  it('loads a kept import again under its name without counting it twice', async () => {
    const fresh = await engineWith((await readDataDir('data')).files);
    await analyseBytes(fresh, utf8(canonical));
    await commitImport(fresh, 'imports/kept.csv', 'Test', 'append');
    const once = await fresh.query({ sql: 'SELECT * FROM observations ORDER BY ALL' });
    // The next visit, or a newly published version of the data: the same file, the same decisions.
    await analyseBytes(fresh, utf8(canonical));
    const { rows } = await commitImport(fresh, 'imports/kept.csv', 'Test', 'append');
    expect(rows).toBe(3);
    expect(await fresh.query({ sql: 'SELECT * FROM observations ORDER BY ALL' })).toEqual(once);
  });

  it('keeps suppressed values missing (never zero) once loaded', async () => {
    const fresh = await engineWith((await readDataDir('data')).files);
    await analyseBytes(fresh, wide);
    await commitImport(fresh, 'imports/wide.csv', 'Test', 'append');
    const rows = await fresh.query<SeriesPoint>(seriesQuery(['vitrines_etranger'], NO_FILTERS));
    const q1 = rows.find((r) => r.period === '2019-Q1');
    expect(q1).toMatchObject({ value: null, note: 'x : confidentiel' });
  });

  it('real imported data replaces the sample series of its indicator', async () => {
    const fresh = await engineWith((await readDataDir('data')).files);
    await analyseBytes(fresh, utf8(canonical));
    await commitImport(fresh, 'imports/canonical.csv', 'Rapport', 'append');
    const rows = await fresh.query<SeriesPoint>(seriesQuery(['tournees_soutenues'], NO_FILTERS));
    expect(rows.map((r) => [r.period, r.value, r.sample])).toEqual([['2026-2027', 160, false]]);
  });
});
