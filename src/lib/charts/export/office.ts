import type { Lang, Translate } from '$lib/i18n/dict';
import { formatValue } from '$lib/i18n/format';
import { svgToPng } from './png';
import { presetOf } from './presets';
import { renderImage } from './render';
import type { ExportSpec } from './spec';

// What a Word document and a PowerPoint presentation are made of, whatever writes them (docx.ts, pptx.ts):
// built in the browser from what the page shows, in the interface language. Loaded only when one is asked for.

/** A label and its value, as a page's `<dt>` and `<dd>` read. */
export interface Term {
  label: string;
  value: string;
}

/** A chart drawn as a picture, for Word (and PowerPoint where it has no native chart). */
export interface OfficeImage {
  png: Uint8Array;
  /** Its size in CSS pixels (96 to the inch): the PNG holds `density` times as many. */
  width: number;
  height: number;
}

/** One chart of a document: a report's panel, or the chart an Exporter menu was opened on. */
export interface OfficeItem {
  spec: ExportSpec;
  /** Its heading: « 1. Tournées et soutien à l'exportation ». */
  heading: string;
  /** The filters it is drawn under, when no cover says them. */
  filters: string | null;
  /** The report's key figures (none for a single chart). */
  figures: Term[];
  definition: string | null;
  image: OfficeImage;
  /** The data table as the page shows it: periods and formatted values. */
  table: { header: string[]; rows: string[][] };
  /** « Source : … », with the sample data named. */
  source: string;
}

/** A whole document: a cover (for a report), then its charts. */
export interface OfficeDocument {
  lang: Lang;
  title: string;
  /** The report's cover: period, date, filters; null for a single chart. */
  cover: { subtitle: string; facts: Term[]; notes: string[] } | null;
  items: OfficeItem[];
  /** `Vigie · exporté le 29 novembre 2026`, in every footer. */
  footer: string;
  /** Word's paper; a presentation is 16:9 whatever it is. */
  paper: 'letter' | 'a4';
  /** Words the documents write around the charts. */
  words: { contents: string; highlights: string; keyFigures: string; data: string; sample: string };
}

/** Pixels per CSS pixel of a chart's PNG: 3 × 96 = 288 dots per inch at its printed size. */
export const PRINT_DENSITY = 3;

/**
 * The chart as a PNG at Word's page width (16 cm) and print density, laid out again at that size, with
 * only its legend around it: the document's own heading and source say the rest. 8 cm high, so that a
 * panel's highlights, chart, figures and table share one page.
 */
export async function chartImage(spec: ExportSpec, lang: Lang): Promise<OfficeImage> {
  const word = presetOf('word');
  const preset = { ...word, height: Math.round(word.width! / 2) };
  const words = { title: '', subtitle: null, filters: '', legend: spec.legend, source: '', date: '', sample: null };
  const image = await renderImage(spec, words, preset, preset.width!, lang);
  const blob = await svgToPng(image.svg, image.width, image.height, PRINT_DENSITY);
  return { png: new Uint8Array(await blob.arrayBuffer()), width: image.width, height: image.height };
}

/** The data table as the page shows it: a row a period, its values written as the page writes them. */
export function shownTable(spec: ExportSpec, lang: Lang, t: Translate): OfficeItem['table'] {
  const native = spec.native;
  if (!native) {
    const text = (c: string | number | null) => (c === null ? '' : typeof c === 'number' ? formatValue(c, 'count', lang) : c);
    return { header: spec.table.header, rows: spec.table.rows.map((r) => r.map(text)) };
  }
  const single = native.series.length === 1;
  return {
    header: [
      native.horizontal ? spec.table.header[0]! : t('chart.period'),
      ...native.series.map((s) => (single ? t('chart.value') : s.name))
    ],
    rows: native.categories.map((c, i) => [
      c,
      ...native.series.map((s) => formatValue(s.values[i], native.unit, lang, t('chart.missing')))
    ])
  };
}

/** The source line of a chart, sample data named. */
export function sourceLine(spec: ExportSpec, t: Translate): string {
  const cited = [...spec.sources, ...(spec.sample ? [t('export.sampleSource')] : [])];
  return cited.length ? t('export.labelled', { label: t('chart.source'), value: cited.join(' · ') }) : '';
}

/** The words a document writes around its charts, in the interface language. */
export function officeWords(t: Translate): OfficeDocument['words'] {
  return {
    contents: t('report.contents'),
    highlights: t('highlights.title'),
    keyFigures: t('office.keyFigures'),
    data: t('chart.table'),
    sample: t('sample.badge')
  };
}
