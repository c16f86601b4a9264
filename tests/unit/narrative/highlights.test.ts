import { describe, expect, it } from 'vitest';
import { projectedText } from '$lib/narrative/phrases';
import { highlightsOf } from '$lib/narrative/rules';
import { NO_FILTERS } from '$lib/queries/filters';
import { panelOf } from '$lib/views/overview';
import { ANNOTATIONS, fy, indicator, marked, panel, said, targetIn, years } from './fixtures';

// Baseline 2019-2020 = 340; 2024-2025 = 392; 2025-2026 = 397: +1,3 % on the year, +17 % since the Vision.
const touring = [fy(2018, 330), fy(2019, 340), fy(2023, 380), fy(2024, 392), fy(2025, 397)];
const noTarget = indicator({ target: null, target_period: null, target_start: null, target_end: null });

describe('the latest value', () => {
  it('is said with its change on the year and since the Vision, agreed in gender and number (fr)', () => {
    expect(marked(said(noTarget, touring, 'fr')[0]!)).toBe(
      "En 2025-2026, 397 tournées à l'étranger ont été soutenues, 1,3~% de plus qu'en 2024-2025 et 17~% de plus qu'avant la Vision (2019-2020)."
    );
  });

  it('reads the same in English', () => {
    expect(said(noTarget, touring, 'en')[0]).toBe(
      'In 2025-2026, 397 tours abroad were supported, 1.3% more than in 2024-2025 and 17% more than before the Vision (2019-2020).'
    );
  });

  it('takes the singular for one (and for zero in French), the plural above', () => {
    const one = [fy(2024, 3), fy(2025, 1)];
    expect(marked(said(noTarget, one, 'fr')[0]!)).toBe(
      "En 2025-2026, 1 tournée à l'étranger a été soutenue, 67~% de moins qu'en 2024-2025."
    );
    expect(said(noTarget, one, 'en')[0]).toBe('In 2025-2026, 1 tour abroad was supported, 67% fewer than in 2024-2025.');
    expect(said(noTarget, [fy(2025, 0)], 'fr')[0]).toBe("En 2025-2026, 0 tournée à l'étranger a été soutenue.");
    expect(said(noTarget, [fy(2025, 0)], 'en')[0]).toBe('In 2025-2026, 0 tours abroad were supported.');
  });

  it('agrees the participle with a masculine noun and adds its complement', () => {
    const artists = indicator({ indicator_id: 'artistes_mobilite', target: null });
    expect(said(artists, [fy(2025, 2)], 'fr')[0]).toBe(
      "En 2025-2026, 2 artistes et travailleurs culturels ont été soutenus pour se déplacer à l'étranger."
    );
    expect(said(artists, [fy(2025, 1)], 'fr')[0]).toBe(
      "En 2025-2026, 1 artiste ou travailleur culturel a été soutenu pour se déplacer à l'étranger."
    );
  });

  it('says an amount with its subject, a level with « on comptait », a rate in percentage points', () => {
    const aid = indicator({ indicator_id: 'aide_exportation', unit: 'CAD', target: null });
    expect(marked(said(aid, [fy(2024, 14_000_000), fy(2025, 14_200_000)], 'fr')[0]!)).toBe(
      "En 2025-2026, l'aide financière à l'exportation et aux tournées s'est établie à 14~200~000~$, 1,4~% de plus qu'en 2024-2025."
    );
    const offices = indicator({ indicator_id: 'bureaux_etranger', measure: 'stock', target: null });
    const y = (year: number, value: number) => ({
      ...fy(0, value),
      period: String(year),
      start: `${year}-01-01`,
      end: `${year}-12-31`,
      granularity: 'year'
    });
    expect(said(offices, [y(2023, 34), y(2024, 35)], 'fr')[0]).toBe(
      "En 2024, on comptait 35 représentations du Québec à l'étranger, 2,9 % de plus qu'en 2023.".replace(/ %/, '\u00a0%')
    );
    expect(said(offices, [y(2024, 1)], 'en')[0]).toBe('In 2024, there was 1 Québec office abroad.');
    const rate = indicator({ indicator_id: 'taux_autofinancement', unit: 'percent', target: null });
    expect(marked(said(rate, [fy(2024, 52.5), fy(2025, 54.9)], 'fr')[0]!)).toBe(
      "En 2025-2026, le taux d'autofinancement des tournées s'est établi à 54,9~%, 2,4 points de pourcentage de plus qu'en 2024-2025."
    );
    expect(said(rate, [fy(2024, 55.9), fy(2025, 54.9)], 'en')[0]).toBe(
      'In 2025-2026, the tour self-financing rate stood at 54.9%, 1 percentage point lower than in 2024-2025.'
    );
  });

  it('names an indicator the lexicon does not know by its catalogue name, which needs no agreement', () => {
    const coal = indicator({ indicator_id: 'cout_charbon', name_fr: 'Coût du charbon', name_en: 'Coal cost', target: null });
    expect(marked(said(coal, [fy(2024, 10), fy(2025, 12)], 'fr')[0]!)).toBe(
      "Coût du charbon~: 12 en 2025-2026, 20~% de plus qu'en 2024-2025."
    );
    expect(said(coal, [fy(2024, 10), fy(2025, 12)], 'en')[0]).toBe('Coal cost: 12 in 2025-2026, 20% more than in 2024-2025.');
  });
});

describe('missing and suppressed values', () => {
  it('are never read as zero: the latest known value is said, and the missing period named', () => {
    const series = [fy(2023, 380), fy(2024, 392), fy(2025, null)];
    const fr = said(noTarget, series, 'fr');
    expect(marked(fr[0]!)).toBe(
      "En 2024-2025, 392 tournées à l'étranger ont été soutenues, 3,2~% de plus qu'en 2023-2024. Aucune valeur n'est disponible pour 2025-2026."
    );
    expect(said(noTarget, series, 'en')[0]).toContain('No value is available for 2025-2026.');
    expect(fr.join(' ')).not.toMatch(/\b0\b|100 %/u);
  });

  it('break the comparisons across them: no fall « to » a missing year, no record low at zero', () => {
    const series = years(2016, [300, 310, 320, 330, null, 340, 350]);
    const facts = highlightsOf({ ...panel(noTarget, series), series, indicator: noTarget, projection: null, annotations: [] });
    expect(facts.filter((f) => f.kind === 'move' || f.kind === 'record').map((f) => f.kind)).toEqual(['record']);
    expect(said(noTarget, series, 'fr').join(' ')).not.toContain('baisse');
  });

  it('say so when nothing is known under the filters', () => {
    expect(said(noTarget, [fy(2025, null)], 'fr')).toEqual(["Aucune valeur n'est disponible pour ces filtres."]);
    expect(said(noTarget, [], 'en')).toEqual(['No value is available for these filters.']);
  });
});

describe('sample data', () => {
  it('is named as such first, in both languages', () => {
    const sample = touring.map((p) => ({ ...p, sample: true, source: 'sample' }));
    expect(marked(said(noTarget, sample, 'fr')[0]!)).toBe("Données d'exemple~: chiffres générés pour la démonstration.");
    expect(said(noTarget, sample, 'en')[0]).toBe('Sample data: figures generated for demonstration.');
    expect(said(noTarget, touring, 'fr').join(' ')).not.toContain("Données d'exemple");
  });
});

describe('notable points', () => {
  // The sample's shape: a pandemic fall in 2020-2021, the level of 2019-2020 back in 2023-2024.
  const pandemic = years(2014, [300, 310, 320, 330, 345, 340, 58, 190, 290, 345, 360, 378]);

  it('say the largest fall and the event it followed, and when the level before it came back', () => {
    const fr = said(noTarget, pandemic, 'fr').map(marked);
    expect(fr).toContain('Plus forte baisse~: 83~% en 2020-2021 (repère~: COVID-19, 13 mars 2020).');
    expect(fr).toContain("Le niveau d'avant la baisse de 2020-2021 (340 en 2019-2020) a été retrouvé en 2023-2024.");
    const en = said(noTarget, pandemic, 'en');
    expect(en).toContain('Largest fall: 83% in 2020-2021 (event: COVID-19, March 13, 2020).');
    expect(en).toContain('The level before the 2020-2021 fall (340 in 2019-2020) was regained in 2023-2024.');
    // The rebound is the recovery, not a « plus forte hausse » of 228 %.
    expect(fr.join(' ')).not.toContain('hausse');
  });

  it('say a level not yet regained, and by how much', () => {
    const fr = said(noTarget, pandemic.slice(0, 9), 'fr');
    expect(marked(fr.find((s) => s.includes('toujours'))!)).toBe(
      "En 2022-2023, toujours 15~% sous le niveau d'avant la baisse de 2020-2021 (340 en 2019-2020)."
    );
  });

  it('say a record high or low of the latest value', () => {
    expect(said(noTarget, pandemic, 'fr')).toContain('Plus haut niveau de la série (depuis 2014-2015)\u00a0: 378 en 2025-2026.');
    expect(said(noTarget, years(2020, [50, 40, 45, 30]), 'en')).toContain(
      'Lowest level of the series (since 2020-2021): 30 in 2023-2024.'
    );
  });

  it('say the largest rise when it is no rebound', () => {
    expect(marked(said(noTarget, years(2015, [100, 102, 140, 141, 142]), 'fr').join(' '))).toContain(
      'Plus forte hausse~: 37~% en 2017-2018.'
    );
  });
});

describe('the target', () => {
  // Baseline 2019-2020 = 100, target 200 for 2025-2026: the straight path asks 150 by 2022-2023.
  const ind = indicator(targetIn(2025, 200));

  it('reads on track, behind, already met, met and missed', () => {
    expect(marked(said(ind, years(2019, [100, 120, 140, 160]), 'fr')[1]!)).toBe(
      "En 2022-2023, l'indicateur était à 80~% de la cible de 200 fixée pour 2025-2026~: en bonne voie."
    );
    expect(said(ind, years(2019, [100, 120, 130, 140]), 'en')[1]).toBe(
      'In 2022-2023, the indicator stood at 70% of the target of 200 set for 2025-2026: behind.'
    );
    expect(marked(said(ind, years(2019, [100, 150, 210]), 'fr')[1]!)).toBe(
      'La cible de 200 fixée pour 2025-2026 est déjà atteinte~: 210 en 2021-2022, soit 105~% de la cible.'
    );
    expect(marked(said(ind, years(2019, [100, 120, 140, 160, 180, 190, 205]), 'fr')[1]!)).toBe(
      'La cible de 200 fixée pour 2025-2026 a été atteinte~: 205, soit 103~% de la cible.'
    );
    expect(said(ind, years(2019, [100, 120, 140, 160, 180, 190, 190]), 'en')[1]).toBe(
      'The target of 200 set for 2025-2026 was not met: 190, or 95% of the target.'
    );
  });

  it('is not said under a dimension filter (the panel has no comparable target)', () => {
    const p = panelOf(
      'tournees',
      ind,
      years(2019, [100, 120, 140, 160]),
      undefined,
      { ...NO_FILTERS, region: 'Europe' },
      ANNOTATIONS
    );
    expect(p.target).toBeNull();
    expect(p.facts.map((f) => f.kind)).toEqual(['latest', 'record', 'move']);
  });
});

describe('the projection in words', () => {
  // 100, 112, 118, 130, 142 from 2019-2020: Theil–Sen slope 10,25 a year through 100 in 2019-2020, so
  // 182 in 2027-2028, between 174 and 193 in 8 cases out of 10 (see projection.test.ts).
  const series = years(2019, [100, 112, 118, 130, 142]);

  it('says the target would be met, and when', () => {
    expect(marked(said(indicator(targetIn(2027, 180)), series, 'fr')[2]!)).toBe(
      'À ce rythme, la cible de 180 serait atteinte en 2027-2028 (projection~: 182, entre 174 et 193 dans 8 cas sur 10).'
    );
    expect(said(indicator(targetIn(2027, 170)), series, 'en')[2]).toBe(
      'At this pace, the target of 170 would be met in 2026-2027 (projection for 2027-2028: 182, between 174 and 193 in 8 cases out of 10).'
    );
  });

  it('says it would not be, and the period it would be met in', () => {
    expect(marked(said(indicator(targetIn(2027, 190)), series, 'fr')[2]!)).toBe(
      'À ce rythme, la cible de 190 ne serait pas atteinte en 2027-2028 (projection~: 182, entre 174 et 193 dans 8 cas sur 10), mais en 2028-2029.'
    );
    expect(said(indicator(targetIn(2027, 190)), series, 'en')[2]).toBe(
      'At this pace, the target of 190 would not be met in 2027-2028 (projection: 182, between 174 and 193 in 8 cases out of 10), but it would be in 2028-2029.'
    );
  });

  it('says it is out of reach when even the interval does not meet it', () => {
    expect(marked(said(indicator(targetIn(2027, 200)), series, 'fr')[2]!)).toBe(
      "À ce rythme, la cible de 200 serait hors d'atteinte en 2027-2028~: la projection, 182, ne dépasserait pas 193 dans 8 cas sur 10. Elle le serait en 2029-2030."
    );
    expect(said(indicator(targetIn(2027, 200)), series, 'en')[2]).toBe(
      'At this pace, the target of 200 would be out of reach in 2027-2028: the projection, 182, would not exceed 193 in 8 cases out of 10. It would be met in 2029-2030.'
    );
  });

  it('says there are too few values rather than project', () => {
    expect(marked(said(indicator(targetIn(2027, 200)), years(2019, [100, 112, 118]), 'fr')[2]!)).toBe(
      'Pas de projection vers la cible de 200 fixée pour 2027-2028~: 3 valeurs retenues depuis 2019-2020, il en faut au moins 4.'
    );
    const dip = years(2019, [340, 58, 190, 345, 360]);
    expect(said(indicator(targetIn(2027, 400)), dip, 'en')[2]).toBe(
      'No projection toward the target of 400 set for 2027-2028: 3 values kept since 2019-2020 (2 periods of the fall left out); at least 4 are needed.'
    );
    expect(said(indicator(targetIn(2027, 400)), [fy(2023, 1)], 'fr').join(' ')).toContain(
      '1 valeur retenue depuis 2023-2024, il en faut au moins 4.'
    );
  });
});

describe('a breakdown', () => {
  const region = (key: string, values: number[]) => ({ key, points: years(2024, values) });
  const groups = [
    region('Europe', [150, 151]),
    region('Amériques', [120, 118]),
    region('Asie', [40, 52]),
    { key: '*', points: years(2024, [82, 76]) }
  ];

  it('says which group weighs most and which grew fastest', () => {
    const fr = said(noTarget, years(2024, [392, 397]), 'fr', { dim: 'region', groups }).map(marked);
    expect(fr).toContain('Par région~: Europe en tête en 2025-2026, avec 38~% du total (151).');
    expect(fr).toContain("Par région~: plus forte hausse pour Asie en 2025-2026, 30~% de plus qu'en 2024-2025 (52).");
    const en = said(noTarget, years(2024, [392, 397]), 'en', { dim: 'region', groups });
    expect(en).toContain('By region: Europe leads in 2025-2026, with 38% of the total (151).');
    expect(en).toContain('By region: fastest growth for Asie in 2025-2026, 30% more than in 2024-2025 (52).');
  });

  it('does not call a tiny group the fastest grower', () => {
    const tiny = [...groups, region('Océanie', [1, 4])];
    expect(said(noTarget, years(2024, [393, 401]), 'fr', { dim: 'region', groups: tiny }).join(' ')).not.toContain('Océanie');
  });
});

describe('months against a fiscal-year target (views/target.ts, views/accumulate.ts)', () => {
  // 20 a month in 2019-2020, one more each fiscal year: 240, 252 … 312 a year; then April to September 2026.
  const month = (y: number, m: number, value: number) => ({
    ...fy(0, value),
    period: `${y}-${String(m).padStart(2, '0')}`,
    start: `${y}-${String(m).padStart(2, '0')}-01`,
    end: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10),
    granularity: 'month'
  });
  const months = [2019, 2020, 2021, 2022, 2023, 2024, 2025].flatMap((y) =>
    Array.from({ length: 12 }, (_, i) => month(i < 9 ? y : y + 1, ((i + 3) % 12) + 1, 20 + y - 2019))
  );
  const toDate = [...months, ...[4, 5, 6, 7, 8, 9].map((m) => month(2026, m, 27))];
  const ind = indicator(targetIn(2026, 320));

  it('say the target against the fiscal year to date, as the key figures do', () => {
    const fr = said(ind, toDate, 'fr').map(marked);
    expect(fr[0]).toBe(
      "En septembre 2026, 27 tournées à l'étranger ont été soutenues, autant qu'en août 2026 et 35~% de plus qu'avant la Vision (novembre 2019)."
    );
    expect(fr[1]).toMatch(
      /^En 2026-2027, cumul de l'exercice à ce jour \(jusqu'au 30 septembre 2026\), l'indicateur était à 51~% de la cible de 320 fixée pour 2026-2027~: en (bonne voie|retard)\.$/
    );
  });

  it('project the fiscal years the months add up to, not the months', () => {
    // 240 + 12 a year, exactly: 324 in 2026-2027, with no spread around a straight line.
    expect(marked(said(ind, toDate, 'fr')[2]!)).toBe(
      'À ce rythme, la cible de 320 serait atteinte en 2026-2027 (projection~: 324, entre 324 et 324 dans 8 cas sur 10).'
    );
  });
});

describe('projected values', () => {
  it('are rounded to three significant digits, counts and amounts to whole units, rates to a tenth', () => {
    expect(marked(projectedText(449.79, 'count', 'fr'))).toBe('450');
    expect(marked(projectedText(99.3, 'count', 'fr'))).toBe('99');
    expect(marked(projectedText(14_235_679, 'CAD', 'fr'))).toBe('14~200~000~$');
    expect(projectedText(57.34, 'percent', 'en')).toBe('57.3%');
  });
});
