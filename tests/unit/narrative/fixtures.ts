import type { Lang } from '$lib/i18n/dict';
import { breakdownHighlightsOf, type NarrativeBreakdown } from '$lib/narrative/rules';
import { sentencesOf } from '$lib/narrative/sentences';
import type { Annotation } from '$lib/queries/annotations';
import { NO_FILTERS } from '$lib/queries/filters';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { panelOf, type Panel } from '$lib/views/overview';
import { fy as samplePoint } from '../export/fixtures';

/** The touring indicator of the catalogue, its target moved as a test needs. */
export const indicator = (over: Partial<Indicator> = {}): Indicator => ({
  indicator_id: 'tournees_soutenues',
  axis: 'tournees',
  name_fr: "Tournées à l'étranger soutenues",
  name_en: 'Tours abroad supported',
  unit: 'count',
  direction: 'up',
  target: 420,
  target_period: '2025-2026',
  target_start: '2025-04-01',
  target_end: '2026-03-31',
  definition_fr: null,
  definition_en: null,
  source: 'sample',
  measure: 'flow',
  headline: false,
  ...over
});

/** A target for fiscal year `y`-`y+1`. */
export const targetIn = (y: number, target: number): Partial<Indicator> => ({
  target,
  target_period: `${y}-${y + 1}`,
  target_start: `${y}-04-01`,
  target_end: `${y + 1}-03-31`
});

/** A fiscal-year point; real data unless told otherwise. */
export const fy = (y: number, value: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint =>
  samplePoint(y, value, { sample: false, source: 'MCC', ...extra });

/** Fiscal years from `first`, one a value. */
export const years = (first: number, values: readonly (number | null)[], extra: Partial<SeriesPoint> = {}) =>
  values.map((v, i) => fy(first + i, v, extra));

/** The events of data/annotations.csv. */
export const ANNOTATIONS: Annotation[] = [
  {
    at: '2019-11-29',
    label_fr: 'Publication de la Vision internationale du Québec',
    label_en: "Québec's International Vision published",
    short_fr: 'Vision',
    short_en: 'Vision'
  },
  {
    at: '2020-03-13',
    label_fr: 'Début de la pandémie de COVID-19 (urgence sanitaire)',
    label_en: 'COVID-19 pandemic begins (public health emergency)',
    short_fr: 'COVID-19',
    short_en: 'COVID-19'
  }
];

/** The overview's panel of a series: its key figures, target, projection and facts, as the page computes them. */
export const panel = (ind: Indicator, series: SeriesPoint[], annotations = ANNOTATIONS): Panel =>
  panelOf('tournees', ind, series, undefined, NO_FILTERS, annotations);

/** The highlights of a series, in a language, as the overview panel shows them. */
export function said(ind: Indicator, series: SeriesPoint[], lang: Lang, breakdown?: NarrativeBreakdown): string[] {
  const p = panel(ind, series);
  const facts = breakdown ? [...p.facts, ...breakdownHighlightsOf(breakdown, p.latest, ind.unit)] : p.facts;
  return sentencesOf(facts, { indicator: ind, groupLabel: (key) => key ?? '—' }, lang);
}

/** Text with French's non-breaking spaces shown as `~`, so a test can say where they must be. */
export const marked = (s: string) => s.replace(/\u00a0/g, '~');
