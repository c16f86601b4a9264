import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DrawnSeries } from '$lib/charts/stack';
import { fontFaceCss } from '$lib/charts/export/font';
import type { SeriesPoint } from '$lib/queries/observations';

const require = createRequire(import.meta.url);

/** A fiscal-year point, sample unless told otherwise. */
export const fy = (y: number, value: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
  indicator_id: 'tournees_soutenues',
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

/** The touring series as the overview draws it, with the pandemic drop and a missing year. */
export const touring: DrawnSeries[] = [
  {
    key: null,
    label: 'Tournées',
    colour: '#0072B2',
    points: [fy(2018, 352), fy(2019, 368.5), fy(2020, 60), fy(2021, null), fy(2022, 299)]
  }
];

/** The events drawn on every time axis. */
export const events = [
  { at: '2019-11-29', short: 'Vision', label: 'Publication de la Vision internationale du Québec' },
  { at: '2020-03-13', short: 'COVID-19', label: 'Début de la pandémie de COVID-19' }
];

/** The export font's rules with the real files inlined, as the browser builds them. */
export function realFontCss(): string {
  const file = (weight: 400 | 700) =>
    readFileSync(
      require.resolve(`qc-trousse-sdg/dist/fonts/open-sans-v43-latin-${weight === 400 ? 'regular' : '700'}.woff2`)
    ).toString('base64');
  return fontFaceCss([
    { weight: 400, base64: file(400) },
    { weight: 700, base64: file(700) }
  ]);
}

/** The content of the first `<svg>` of server-rendered markup, without Svelte's anchor comments. */
export function svgContent(markup: string): string {
  const match = markup.match(/<svg[^>]*>([\s\S]*)<\/svg>/);
  if (!match) throw new Error('no <svg> in the markup');
  return match[1]!.replace(/<!--[\s\S]*?-->/g, '');
}
