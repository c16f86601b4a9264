import type { Lang, Translate } from '$lib/i18n/dict';
import type { Filters } from '$lib/queries/filters';
import { exportDateText, filtersText } from './caption';
import { csvDialect, toCsv } from './csv';
import { exportFileName } from './filename';
import { chartImage, officeWords, shownTable, sourceLine, type OfficeDocument } from './office';
import { svgToPng } from './png';
import type { Preset } from './presets';
import { renderImage } from './render';
import type { ExportSpec } from './spec';
import type { FrameWords } from './svg';

// Loaded on first use by the export menu: none of this weighs on the page until someone exports.

/** One export asked for from a chart's menu. */
export interface ExportRequest {
  spec: ExportSpec;
  preset: Preset;
  /** The chart's width on screen, for the on-screen size. */
  screenWidth: number;
  /** The page's active filters. */
  filters: Filters;
  lang: Lang;
  t: Translate;
  /** The export date (today). */
  date: Date;
}

/** A file ready to save. */
export interface ExportFile {
  blob: Blob;
  name: string;
}

const SIZE_WORD = { word: 'export.file.word', slide: 'export.file.slide', halfSlide: 'export.file.halfSlide' } as const;

function fileName(req: ExportRequest, ext: string, options: { sized?: boolean; density?: number } = {}): string {
  const size = options.sized && req.preset.id !== 'screen' ? req.t(SIZE_WORD[req.preset.id]) : '';
  // A filter the chart's data cannot honour does not describe the file.
  const filters = { ...req.filters, ...Object.fromEntries(req.spec.ignoredFilters.map((d) => [d, null])) };
  return exportFileName({
    subject: req.spec.subject,
    filters,
    span: req.spec.span,
    size,
    density: options.density,
    lang: req.lang,
    ext
  });
}

/** The words around the chart in the exported image. */
export function frameWords(req: ExportRequest): FrameWords {
  const { spec, t } = req;
  const cited = [...spec.sources, ...(spec.sample ? [t('export.sampleSource')] : [])];
  return {
    title: spec.title,
    subtitle: spec.subtitle,
    filters: filtersText(req.filters, t, spec.ignoredFilters),
    legend: spec.legend,
    source: cited.length ? t('export.labelled', { label: t('chart.source'), value: cited.join(' · ') }) : '',
    date: exportDateText(req.date, req.lang, t),
    sample: spec.sample ? t('sample.badge') : null
  };
}

/** The chart as a standalone SVG file at the preset's size. */
export async function svgFile(req: ExportRequest): Promise<ExportFile> {
  const image = await renderImage(req.spec, frameWords(req), req.preset, req.screenWidth, req.lang);
  return { blob: new Blob([image.svg], { type: 'image/svg+xml;charset=utf-8' }), name: fileName(req, 'svg', { sized: true }) };
}

/** The chart as a PNG at the preset's size and `density` pixels per CSS pixel. */
export async function pngFile(req: ExportRequest, density: number): Promise<ExportFile> {
  const image = await renderImage(req.spec, frameWords(req), req.preset, req.screenWidth, req.lang);
  const blob = await svgToPng(image.svg, image.width, image.height, density);
  return { blob, name: fileName(req, 'png', { sized: true, density }) };
}

/** Exactly the data drawn, as CSV for a spreadsheet of the interface's language. */
export function csvFile(req: ExportRequest): ExportFile {
  const text = toCsv(req.spec.table, csvDialect(req.lang));
  return { blob: new Blob([text], { type: 'text/csv;charset=utf-8' }), name: fileName(req, 'csv') };
}

/** The chart alone as an Office document: its title, filters, highlights, picture, data and source. */
async function chartDocument(req: ExportRequest): Promise<OfficeDocument> {
  const { spec, t, lang } = req;
  return {
    lang,
    title: spec.title,
    cover: null,
    items: [
      {
        spec,
        heading: spec.title,
        filters: filtersText(req.filters, t, spec.ignoredFilters),
        figures: [],
        definition: null,
        image: await chartImage(spec, lang),
        table: shownTable(spec, lang, t),
        source: sourceLine(spec, t)
      }
    ],
    footer: exportDateText(req.date, lang, t),
    paper: 'letter',
    words: officeWords(t)
  };
}

/** The chart alone as a Word document (`docx` is loaded now, not with the page). */
export async function docxFile(req: ExportRequest): Promise<ExportFile> {
  const [{ wordBlob }, doc] = await Promise.all([import('./docx'), chartDocument(req)]);
  return { blob: await wordBlob(doc), name: fileName(req, 'docx') };
}

/** The chart alone as a one-slide PowerPoint presentation with a native chart (`pptxgenjs` loaded now). */
export async function pptxFile(req: ExportRequest): Promise<ExportFile> {
  const [{ slidesBlob }, doc] = await Promise.all([import('./pptx'), chartDocument(req)]);
  return { blob: await slidesBlob(doc), name: fileName(req, 'pptx') };
}

/** Hands a file to the browser's downloads. */
export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not now: the download may still be reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
