import { describe, expect, it } from 'vitest';
import BarList from '$lib/charts/BarList.svelte';
import TimeSeriesChart from '$lib/charts/TimeSeriesChart.svelte';
import WorldMap from '$lib/charts/WorldMap.svelte';
import type { SeriesPoint } from '$lib/queries/observations';
import { html, normalise } from './render';
import { chartWords } from '$lib/i18n/chart-words';
import { translator } from '$lib/i18n/dict';

const fy = (y: number, value: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
  indicator_id: 'tours',
  period: `${y}-${y + 1}`,
  start: `${y}-04-01`,
  end: `${y + 1}-03-31`,
  granularity: 'fiscal_year',
  value,
  sample: true,
  note: null,
  source: 'sample',
  ...extra
});
/** The French words charts say, from the interface's own dictionary. */
const words = chartWords(translator('fr'));
const events = [
  { at: '2019-11-29', short: 'Vision', label: 'Publication de la Vision internationale du Québec' },
  { at: '2020-03-13', short: 'COVID-19', label: 'Début de la pandémie de COVID-19' }
];
const base = { unit: 'count', lang: 'fr' as const, labelledby: 'title', words, events };

describe('TimeSeriesChart (server-rendered SVG)', () => {
  it('draws a flow as bars spanning fiscal years, with the target and the events', async () => {
    const points = [fy(2018, 300), fy(2019, 280), fy(2020, 60), fy(2021, null), fy(2022, 310)];
    const out = html(TimeSeriesChart, {
      ...base,
      series: [{ key: null, label: 'Tournées', colour: '#0072B2', points }],
      measure: 'flow',
      target: { value: 420, end: '2026-03-31', label: 'Cible 2025-2026 : 420' }
    });
    expect(out).toContain('role="application" aria-roledescription="graphique interactif"');
    expect(out).toContain('aria-labelledby="title"');
    // One bar a period with a value; the missing one is no bar (a zero-height bar would read as 0) but a
    // hatched band over the whole plot, labelled « n.d. » (issue 12, item 6).
    const bars = /<path d="([^"]*)" fill="#0072B2"/.exec(out)?.[1] ?? '';
    expect(bars.match(/M/g)).toHaveLength(4);
    expect(bars).not.toMatch(/v0h/);
    const band = /<path d="M([\d.]+),0h([\d.]+)v([\d.]+)[^"]*" fill="url\(#missing-[^"]+\)"/.exec(out);
    expect(band, 'a hatched band where 2021-2022 is missing').not.toBeNull();
    expect(Number(band![3])).toBeGreaterThan(100); // the plot's height, not a sliver at the baseline
    expect(out.match(/>n\.d\.</g)).toHaveLength(1);
    expect(out).toContain('Cible 2025-2026 : 420');
    expect(out).toContain('>Vision<');
    await expect(normalise(out)).toMatchFileSnapshot('output/flow-bars.svg');
  });

  it('draws the projection to the target dashed after the last value, with its band, the axis stretched to it', async () => {
    const points = [fy(2019, 100), fy(2020, 112), fy(2021, 118), fy(2022, 130), fy(2023, 142)];
    const projection = {
      label: 'Projection',
      points: [
        { start: '2023-04-01', end: '2024-03-31', value: 142, low: 142, high: 142 },
        { start: '2024-04-01', end: '2025-03-31', value: 151.75, low: 148, high: 155 },
        { start: '2025-04-01', end: '2026-03-31', value: 162, low: 156, high: 169 }
      ]
    };
    const out = html(TimeSeriesChart, {
      ...base,
      series: [{ key: null, label: 'Tournées', colour: '#0072B2', points }],
      measure: 'flow',
      target: { value: 170, end: '2026-03-31', label: 'Cible 2025-2026 : 170' },
      projection
    });
    // In the theme's colour (a CSS variable: the dark theme has its own), dark blue where none applies.
    const line =
      /<path d="([^"]*)" fill="none" stroke="var\(--chart-projection, #1F3F73\)" stroke-width="2" stroke-dasharray="5 4"/.exec(
        out
      )?.[1];
    expect(line?.match(/[ML]/g)).toHaveLength(3);
    expect(out).toContain('fill-opacity="0.14"');
    expect(out).toContain('>Projection<');
    // The axis runs to the end of the target period (two fiscal years beyond the data): 2026 is ticked.
    expect(out).toContain('>2026<');
    await expect(normalise(out)).toMatchFileSnapshot('output/projection.svg');
  });

  it('stacks several series and hatches a period known only as a range', async () => {
    const interval = { period: '2016/2020', start: '2016-01-01', end: '2020-12-31', granularity: 'interval' };
    const out = html(TimeSeriesChart, {
      ...base,
      series: [
        {
          key: 'Europe',
          label: 'Europe',
          colour: '#0072B2',
          points: [fy(2018, 10), fy(2019, 12), { ...fy(2016, 2), ...interval }]
        },
        { key: 'Asie', label: 'Asie', colour: '#E69F00', points: [fy(2018, 5), fy(2019, 3)] }
      ],
      measure: 'flow'
    });
    expect(out).toMatch(/fill="url\(#hatch-/);
    await expect(normalise(out)).toMatchFileSnapshot('output/stacked-bars.svg');
  });

  it('marks a value missing in a stack above its known part, and a total to date lighter', async () => {
    const out = html(TimeSeriesChart, {
      ...base,
      series: [
        {
          key: 'Europe',
          label: 'Europe',
          colour: '#0072B2',
          points: [fy(2018, 10), fy(2019, 12), fy(2020, 4, { partial: true, through: '2020-09-30' })]
        },
        {
          key: 'Asie',
          label: 'Asie',
          colour: '#E69F00',
          points: [fy(2018, 5), fy(2019, null), fy(2020, 2, { partial: true, through: '2020-09-30' })]
        }
      ],
      measure: 'flow'
    });
    // 2019-2020: Europe's 12 drawn, Asia's missing value a hatched cap above it, no « n.d. » band.
    expect(out).toMatch(/<path d="M[^"]*" fill="url\(#missing-[^"]+\)" class="[^"]*\bcap\b/);
    expect(out).not.toContain('>n.d.<');
    // 2020-2021 is a total to date: its bars are drawn apart, lighter.
    expect(out).toMatch(/<path d="M[^"]*" fill="#0072B2" stroke="#0072B2" class="[^"]*\bpartial\b/);
    await expect(normalise(out)).toMatchFileSnapshot('output/stacked-missing.svg');
  });

  it("writes a low target's label over its line, clear of the time axis and its labels (issue 12, item 7)", () => {
    const out = html(TimeSeriesChart, {
      ...base,
      series: [{ key: null, label: 'Coûts', colour: '#0072B2', points: [fy(2018, 300), fy(2019, 280)] }],
      measure: 'flow',
      target: { value: 5, end: '2026-03-31', label: 'Cible 2025-2026 : 5' }
    });
    const target = /<g class="target"[^]*?<line [^>]*y1="([\d.]+)"[^]*?<text x="4" y="([\d.]+)"/.exec(out);
    const [line, label] = [Number(target?.[1]), Number(target?.[2])];
    const axis = Number(/<g class="axis axis-x" transform="translate\(0,([\d.]+)\)"/.exec(out)?.[1]);
    expect(line).toBeGreaterThan(axis - 10); // the target sits just above the time axis…
    expect(label).toBeLessThan(line); // …so its label goes over the line,
    expect(label).toBeLessThan(axis - 4); // not among the year labels under the axis
  });

  it('draws a stock as a line through points, breaking at a missing value', async () => {
    const month = (d: string, value: number | null): SeriesPoint => ({
      ...fy(2019, value),
      period: d.slice(0, 7),
      start: `${d}-01`,
      end: `${d}-28`,
      granularity: 'month',
      sample: false
    });
    const out = html(TimeSeriesChart, {
      ...base,
      series: [
        {
          key: null,
          label: 'Bureaux',
          colour: '#0072B2',
          points: [month('2019-02', 32), month('2020-02', 33), month('2022-02', null), month('2024-02', 35)]
        }
      ],
      measure: 'stock'
    });
    expect(out.match(/<circle/g)).toHaveLength(3);
    // February 2022 is missing: marked as such where the line breaks, not left blank.
    expect(out).toContain('>n.d.<');
    await expect(normalise(out)).toMatchFileSnapshot('output/stock-line.svg');
  });
});

describe('BarList', () => {
  it('draws one labelled bar per item', async () => {
    const out = html(BarList, {
      labelledby: 't',
      items: [
        { label: 'Déclaration conjointe', value: 3 },
        { label: 'Accord', value: 2 }
      ]
    });
    expect(out).toContain('Déclaration conjointe');
    await expect(normalise(out)).toMatchFileSnapshot('output/bar-list.svg');
  });
});

describe('WorldMap', () => {
  it('projects the bundled world atlas and highlights partners', () => {
    const out = html(WorldMap, {
      fills: new Map([
        ['392', '#0072B2'],
        ['124', '#7fc4ea']
      ]),
      titles: new Map([['392', 'Japon : Préfecture de Kyoto']]),
      labelledby: 'map',
      home: [-71.21, 46.81],
      homeLabel: 'Québec'
    });
    expect(out.match(/<path d="M/g)!.length).toBeGreaterThan(150);
    expect(out.match(/class="[^"]*\bpartner\b/g)).toHaveLength(2);
    expect(out).toContain('Japon : Préfecture de Kyoto');
    expect(out).toContain('Québec');
  });
});
