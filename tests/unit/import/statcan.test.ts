import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/types';
import { engineWith } from '../queries/engine';
import { analysed, described, drawn, loaded, panel } from './load';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/${name}`));

// One engine for the file: each test loads into indicators of its own.
let db: Connector;
beforeAll(async () => {
  db = await engineWith([]);
});

describe('Statistics Canada tables: a total is never added to its parts', () => {
  it('reads Canada’s own figure, not Canada plus its provinces (English table, thousands of dollars)', async () => {
    const bytes = fixture('statcan_culture_en.csv');
    const first = await analysed(db, bytes);
    expect(first.mapping.layout).toBe('statcan');
    // What the validation report says it recognised.
    expect(first.stage!.aggregates).toEqual([
      expect.objectContaining({
        field: 'region',
        column: 'GEO',
        totals: [{ member: 'Canada', rows: 4, reason: 'canada', top: true }],
        parts: 13,
        partRows: 52
      })
    ]);
    const a = await loaded(db, bytes, { indicatorMap: { 'Live performance': 'money' } });
    expect(a.check).toMatchObject({ accepted: 4, aside: { parts: 52, total: 0, indicator: 0 }, rejected: 0 });
    // The figure a manager reads: 717 766 thousand dollars for 2018, not 1 435 532 thousand.
    expect(await drawn(db, 'money')).toEqual([
      ['2016', 674_320_000],
      ['2017', 695_690_000],
      ['2018', 717_766_000],
      ['2019', 743_040_000]
    ]);
    const p = await panel(db, 'money');
    expect([p.latest?.period, p.latest?.value]).toEqual(['2019', 743_040_000]);
  });

  it('loads the parts instead when the manager chooses them, never both', async () => {
    const a = await loaded(db, fixture('statcan_culture_en.csv'), {
      indicatorMap: { 'Live performance': 'gdp_parts' },
      described: [described('gdp_parts', 'CAD')],
      levels: { region: 'parts' }
    });
    expect(a.check).toMatchObject({ accepted: 52, missing: 1, aside: { total: 4, parts: 0 } });
    // 2016: Nunavut is suppressed (x), so its parts add up to less than Canada's published total.
    const values = await drawn(db, 'gdp_parts');
    expect(values.find(([p]) => p === '2016')).toEqual(['2016', 673_800_000]);
    expect(values.find(([p]) => p === '2018')).toEqual(['2018', 717_766_000]);
  });

  it('recognises the French full table: « ; », PÉRIODE DE RÉFÉRENCE, GÉO, VALEUR, « milliers »', async () => {
    const bytes = fixture('statcan_culture_fr.csv');
    const first = await analysed(db, bytes);
    expect(first.sniffed.dialect).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
    expect(first.mapping.layout).toBe('statcan');
    const h = first.sniffed.header;
    // The period is the reference period, never the indicator; the table's dimension names the series.
    expect(h[first.mapping.columns.period!]).toBe('PÉRIODE DE RÉFÉRENCE');
    expect(h[first.mapping.columns.indicator!]).toBe('Domaines de la culture et du sport');
    expect(h[first.mapping.columns.scalar!]).toBe('FACTEUR SCALAIRE');
    expect(h[first.mapping.columns.unit!]).toBe('UNITÉ DE MESURE');
    expect(first.stage!.aggregates[0]).toMatchObject({ column: 'GÉO', totals: [{ member: 'Canada', reason: 'canada' }] });
    await loaded(db, bytes, { indicatorMap: { 'Arts de la scène': 'gdp_fr' }, described: [described('gdp_fr', 'CAD')] });
    // « milliers » applied: not 1 000 times too small.
    expect((await drawn(db, 'gdp_fr')).find(([p]) => p === '2018')).toEqual(['2018', 717_766_000]);
  });

  it('reads the real fuel table in French: scale words, status symbols kept missing, units checked', async () => {
    const bytes = fixture('statcan_25-10-0017-01_fr.csv');
    const first = await analysed(db, bytes);
    expect(first.mapping.layout).toBe('statcan');
    const labels = first.stage!.labels.map((l) => l.label);
    expect(labels).toContain('Gaz naturel');
    // A fuel in cubic metres cannot load into an indicator counted in numbers.
    const intoCount = await analysed(db, bytes, { indicatorMap: { 'Gaz naturel': 'tours' } });
    expect(intoCount.check!.counts.unit_mismatch).toBeGreaterThan(0);
    expect(intoCount.check!.problems.find((p) => p.code === 'unit_mismatch')).toMatchObject({
      column: 'UNITÉ DE MESURE',
      text: 'Mètres cubes'
    });
    // Described as a new indicator in the file's own unit, it loads, thousands of cubic metres × 1 000;
    // by province, where the table marks eight methane figures « .. ».
    const gas = await loaded(db, bytes, {
      indicatorMap: { 'Gaz naturel': 'gaz_naturel', Méthane: 'methane' },
      levels: { region: 'parts' },
      described: [described('gaz_naturel', 'Mètres cubes'), described('methane', 'Mètres cubes')]
    });
    expect(gas.check!.counts.unit_mismatch).toBeUndefined();
    // « .. » (not available) is counted apart, never as a valid figure, and drawn as missing.
    expect(gas.check!.missing).toBe(8);
    const canadaMethane2008 = await db.query<{ value: number | null }>({
      sql: `SELECT value FROM observations WHERE indicator_id = 'methane' AND period = '2008' AND region = 'Québec'`
    });
    expect(canadaMethane2008).toEqual([{ value: null }]);
    const gas2018 = await db.query<{ value: number }>({
      sql: `SELECT value FROM observations WHERE indicator_id = 'gaz_naturel' AND period = '2018' AND region = 'Ontario'`
    });
    expect(gas2018).toEqual([{ value: 2_241_074_000 }]);
  });

  it('counts suppressed and unavailable values apart: « 2 valeurs, 2 non disponibles »', async () => {
    const csv =
      '"REF_DATE","GEO","DGUID","Domain","UOM","UOM_ID","SCALAR_FACTOR","SCALAR_ID","VECTOR","COORDINATE","VALUE","STATUS","SYMBOL","TERMINATED","DECIMALS"\n' +
      '"2019","Quebec","2016A000224","Live performance","Dollars","81","thousands","3","v1","1.1","","..","","","0"\n' +
      '"2020","Quebec","2016A000224","Live performance","Dollars","81","thousands","3","v1","1.1","","x","","","0"\n';
    const a = await analysed(db, new TextEncoder().encode(csv), { indicatorMap: { 'Live performance': 'money' } });
    expect(a.check).toMatchObject({ total: 2, accepted: 2, missing: 2, rejected: 0 });
  });
});
