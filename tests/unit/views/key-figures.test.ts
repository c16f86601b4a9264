import { beforeAll, describe, expect, it } from 'vitest';
import type { Coordinator } from '$lib/coordinator/coordinator';
import { NO_FILTERS } from '$lib/queries/filters';
import { overviewModel } from '$lib/views/overview';
import { engineWith, readDataDir } from '../queries/engine';
import { keyFiguresText } from './shown';

// Issue 12, item 4: what a panel's key figures say when the data's periods are not the target's.
// Each case is the issue's, read on the page's own words (KeyFigures as the server renders it).

// Three indicators with the same annual target: monthly data, daily data at 1 and at 1.25 a day.
const CATALOGUE = `indicator_id,axis,name_fr,name_en,unit,direction,target,target_period,definition_fr,definition_en,source,measure
months,tournees,Tournées,Tours,count,up,420,2025-2026,Déf,Def,MCC,flow
days,mobilite,Artistes,Artists,count,up,420,2025-2026,Déf,Def,MCC,flow
fast,coproductions,Coproductions,Coproductions,count,up,420,2025-2026,Déf,Def,MCC,flow
`;

/** One row a day from `from` to `to` (inclusive), `value` each. */
function daily(id: string, from: string, to: string, value: number): string {
  let out = '';
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out += `${id},${new Date(t).toISOString().slice(0, 10)},${value},MCC\n`;
  }
  return out;
}

describe('key figures against a target, like with like', () => {
  let text: Record<string, string>;
  beforeAll(async () => {
    const values = [30, 32, 35, 38, 40, 36, 35, 34, 33, 36, 37, 34]; // April 2025 to March 2026: 420
    const months = ['04', '05', '06', '07', '08', '09', '10', '11', '12', '01', '02', '03'];
    const monthly = months.map((m, i) => `months,${i < 9 ? 2025 : 2026}-${m},${values[i]},MCC\n`).join('');
    const db = await engineWith([
      { name: 'indicators.csv', kind: 'indicators', text: CATALOGUE },
      {
        name: 'observations/t.csv',
        kind: 'observations',
        text: `indicator_id,period,value,source\n${monthly}${daily('days', '2019-04-01', '2025-10-15', 1)}${daily('fast', '2019-04-01', '2025-10-15', 1.25)}`
      }
    ]);
    const { panels } = await overviewModel(db, NO_FILTERS);
    text = Object.fromEntries(panels.map((p) => [p.indicator.indicator_id, keyFiguresText(p)]));
  });

  it('adds up monthly data over the fiscal year of an annual target (not « mars 2026 : 34 … 8 % de la cible »)', () => {
    expect(text.months).toContain('Dernière valeur · mars 2026 34');
    expect(text.months).toContain('Cible 2025-2026 : 420 Cible atteinte 2025-2026 : 420 · 100 % de la cible');
    expect(text.months).not.toContain('8 % de la cible');
  });

  it('reads daily data as the fiscal year to date, its status agreeing with its share of the target', () => {
    // 1 a day from April 2019: 198 days of 2025-2026 by October 15, short of the 420 × 198/365 = 228 due.
    expect(text.days).toContain(
      "En retard 2025-2026, cumul de l'exercice à ce jour (jusqu'au 15 octobre 2025) : 198 · 47 % de la cible"
    );
    // 1.25 a day: 247.5, ahead of the 228 due by then.
    expect(text.fast).toContain(
      "En bonne voie 2025-2026, cumul de l'exercice à ce jour (jusqu'au 15 octobre 2025) : 247,5 · 59 % de la cible"
    );
  });

  it('compares a total to date with the same days of the period before', () => {
    expect(text.days).toContain("Dernière valeur · octobre 2025, cumul du mois à ce jour (jusqu'au 15 octobre 2025) 15");
    expect(text.days).toContain('Variation par rapport à la même période de septembre 2025 ■ 0 %');
  });
});

describe('key figures of the shipped data', () => {
  let db: Coordinator;
  beforeAll(async () => {
    db = await engineWith((await readDataDir('data')).files);
  });

  it('never compares 2024 with « février 2020 »: a change is against the same kind of period one step earlier', async () => {
    const offices = (await overviewModel(db, NO_FILTERS)).panels.find((p) => p.axis === 'bureaux')!;
    const text = keyFiguresText(offices);
    expect(text).toContain('Dernière valeur · 2024 35');
    expect(text).not.toContain('février 2020');
    expect(text).toContain('Pas de valeur pour 2023');
  });

  it("says a 2020–2020 filter leaves out the target's period instead of « 14 % de la cible »", async () => {
    const model = await overviewModel(db, { ...NO_FILTERS, from: 2020, to: 2020 });
    const tours = keyFiguresText(model.panels.find((p) => p.axis === 'tournees')!);
    expect(tours).toContain('Dernière valeur · 2020-2021 60');
    expect(tours).toContain('Cible 2025-2026 : 420 Hors des années choisies');
    for (const panel of model.panels) expect(keyFiguresText(panel)).not.toContain('de la cible');
    // Without the filter, the same panel reads its progress on 2025-2026.
    const all = keyFiguresText((await overviewModel(db, NO_FILTERS)).panels.find((p) => p.axis === 'tournees')!);
    expect(all).toMatch(/2025-2026 : [\d  ]+ · \d+ % de la cible/u);
  });
});
