import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { fr } from '$lib/i18n/fr';
import { translator } from '$lib/i18n/dict';
import { formatChange, formatPeriod, formatTick, formatValue } from '$lib/i18n/format';

const NBSP = /[\u00a0\u202f]/g; // Intl separates thousands and units with (narrow) no-break spaces
const plain = (s: string) => s.replace(NBSP, ' ');

describe('dictionaries', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) expect(vars(en[key]), key).toEqual(vars(fr[key]));
  });

  it('fill placeholders', () => {
    expect(translator('fr')('panel.change', { period: '2019-2020' })).toBe('Variation par rapport à 2019-2020');
    expect(translator('en')('panel.change', { period: '2019-2020' })).toBe('Change from 2019-2020');
  });

  it('write counts in the singular where each language does, with its digit grouping', () => {
    const fr = translator('fr');
    const en = translator('en');
    expect(fr('import.load', { n: 1 })).toBe('Charger 1 valeur');
    expect(fr('import.load', { n: 0 })).toBe('Charger 0 valeur'); // French: zero is singular
    expect(en('import.load', { n: 0 })).toBe('Load 0 values');
    expect(en('import.load', { n: 1 })).toBe('Load 1 value');
    expect(plain(fr('import.load', { n: 1_000_000 }))).toBe('Charger 1 000 000 valeurs');
    expect(en('import.load', { n: 1_000_000 })).toBe('Load 1,000,000 values');
    expect(fr('report.count', { n: 2 })).toBe('2 indicateurs');
    // The validation report's two counts each agree with their own number.
    expect(`${fr('import.accepted', { n: 1, total: '2' })}; ${fr('import.refused', { n: 1 })}`).toBe(
      '1 valeur valide sur 2; 1 refusée'
    );
    expect(`${fr('import.accepted', { n: 2, total: '4' })}; ${fr('import.refused', { n: 2 })}`).toBe(
      '2 valeurs valides sur 4; 2 refusées'
    );
    expect(en('import.accepted', { n: 1, total: '1' })).toBe('1 valid value out of 1');
    expect(fr('agreements.count', { n: 1, from: 2020, to: 2021 })).toBe('1 entente répertoriée de 2020 à 2021');
  });

  it('have a plural form beside every singular one', () => {
    for (const key of Object.keys(fr).filter((k) => k.endsWith('.one'))) expect(Object.keys(fr), key).toContain(key.slice(0, -4));
  });
});

describe('formats', () => {
  it('writes money the fr-CA way: 1 234,5 $', () => {
    expect(plain(formatValue(1234.5, 'CAD', 'fr'))).toBe('1 234,5 $');
    expect(formatValue(1234.5, 'CAD', 'en')).toBe('$1,234.5');
  });

  it('writes counts and percents by locale', () => {
    expect(plain(formatValue(12345, 'count', 'fr'))).toBe('12 345');
    expect(plain(formatValue(54.9, 'percent', 'fr'))).toBe('54,9 %');
    expect(formatValue(54.9, 'percent', 'en')).toBe('54.9%');
    expect(plain(formatChange(-0.123, 'fr'))).toBe('-12,3 %');
    expect(formatChange(0.05, 'en')).toBe('+5%');
  });

  it('says a missing value is missing, never 0', () => {
    expect(formatValue(null, 'count', 'fr')).toBe('—');
    expect(formatValue(null, 'count', 'fr', 'non disponible')).toBe('non disponible');
  });

  it('shortens axis ticks', () => {
    expect(plain(formatTick(12_300_000, 'CAD', 'fr'))).toBe('12,3 M $');
    expect(formatTick(12_300_000, 'CAD', 'en')).toBe('$12.3M');
  });

  it.each([
    ['2019-2020', '2019-04-01', '2020-03-31', 'fiscal_year', '2019-2020', '2019-2020'],
    ['2019', '2019-01-01', '2019-12-31', 'year', '2019', '2019'],
    ['2019-Q3', '2019-07-01', '2019-09-30', 'quarter', 'T3 2019', 'Q3 2019'],
    ['2019-07', '2019-07-01', '2019-07-31', 'month', 'juillet 2019', 'July 2019'],
    ['2019-11-29', '2019-11-29', '2019-11-29', 'day', '29 novembre 2019', 'November 29, 2019'],
    ['2012/2015', '2012-01-01', '2015-12-31', 'interval', '2012–2015', '2012–2015']
  ])('writes period %s as %s / %s', (period, start, end, granularity, inFr, inEn) => {
    expect(formatPeriod({ period, start, end, granularity }, 'fr')).toBe(inFr);
    expect(formatPeriod({ period, start, end, granularity }, 'en')).toBe(inEn);
  });
});
