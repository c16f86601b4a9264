import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n/dict';
import { PROBLEM_CODES, problemMessage } from '$lib/import/messages';

describe('problem messages', () => {
  it.each(PROBLEM_CODES)('%s has a sentence in French and in English', (code) => {
    for (const lang of ['fr', 'en'] as const) {
      const text = problemMessage(translator(lang), { code, text: 'X' });
      expect(text).not.toMatch(/^import\./);
      expect(text.length).toBeGreaterThan(8);
    }
  });

  it('quotes the offending cell as plain text', () => {
    const t = translator('fr');
    expect(problemMessage(t, { code: 'value_nan', text: 'beaucoup' })).toBe('valeur qui n’est pas un nombre « beaucoup »');
    expect(problemMessage(translator('en'), { code: 'period_invalid', text: 'FY27' })).toContain('“FY27”');
  });
});

describe('the validation report', () => {
  it('shows a cell holding markup as text, never as HTML', async () => {
    const { html } = await import('../../charts/render');
    const { default: ValidationReport } = await import('$lib/components/import/ValidationReport.svelte');
    const out = html(ValidationReport, {
      check: {
        total: 1,
        accepted: 0,
        missing: 0,
        rejected: 1,
        aside: { indicator: 0, total: 0, parts: 0 },
        counts: { value_nan: 1 },
        overlaps: [],
        problems: [{ line: 2, column: 'Valeur', code: 'value_nan', text: '<img src=x onerror=alert(1)>' }],
        warnings: { count: 0, listed: [] }
      },
      stage: { labels: [], rejectedLines: [], aggregates: [], units: [], headerUnit: null },
      levels: {},
      names: {},
      mode: 'replace',
      onmode: () => {},
      onlevel: () => {},
      ondownload: () => {}
    });
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)>');
    expect(out).toMatch(/<td class="n[^"]*">2<\/td>/);
  });
});
