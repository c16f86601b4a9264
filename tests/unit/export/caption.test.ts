import { describe, expect, it } from 'vitest';
import { distinctSources, exportDateText, filtersText, localDay } from '$lib/charts/export/caption';
import { translator } from '$lib/i18n/dict';
import { NO_FILTERS } from '$lib/queries/filters';

const fr = translator('fr');
const en = translator('en');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('export captions', () => {
  it('say the active filters in the interface language', () => {
    expect(filtersText(NO_FILTERS, fr)).toBe('Aucun filtre (toutes les périodes)');
    expect(filtersText({ ...NO_FILTERS, from: 2016, to: 2024, region: 'Europe' }, fr)).toBe(
      'Filtres : Période : 2016 à 2024 · Région : Europe'
    );
    expect(filtersText({ ...NO_FILTERS, from: 2016, program: 'CALQ' }, en)).toBe('Filters: Period: from 2016 · Program: CALQ');
    expect(filtersText({ ...NO_FILTERS, to: 2020 }, fr)).toBe("Filtres : Période : jusqu'en 2020");
  });

  it('do not pretend a filter applied to an indicator that has no such data', () => {
    expect(filtersText({ ...NO_FILTERS, discipline: 'Musique' }, fr, ['discipline'])).toBe(
      'Filtres : Discipline : Musique (sans objet pour cet indicateur)'
    );
  });

  it('date the export by the reader’s calendar', () => {
    const evening = new Date(2025, 4, 12, 23, 30); // 12 May, 23:30 local: already the 13th in UTC
    expect(localDay(evening)).toBe('2025-05-12');
    expect(plain(exportDateText(evening, 'fr', fr))).toBe('Vigie · exporté le 12 mai 2025');
    expect(exportDateText(evening, 'en', en)).toBe('Vigie · exported on May 12, 2025');
  });

  it('cite each source once, sample data none', () => {
    expect(distinctSources(['MRIF (2019) · MRIF (2020)', 'MRIF (2020)', 'sample', null, 'MRIF (2024)'])).toEqual([
      'MRIF (2019)',
      'MRIF (2020)',
      'MRIF (2024)'
    ]);
  });
});
