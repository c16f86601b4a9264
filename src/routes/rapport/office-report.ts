import { exportDateText } from '$lib/charts/export/caption';
import { exportFileName } from '$lib/charts/export/filename';
import { chartImage, officeWords, shownTable, sourceLine, type OfficeDocument } from '$lib/charts/export/office';
import type { ExportFile } from '$lib/charts/export/run';
import type { Lang, Translate } from '$lib/i18n/dict';
import type { Filters } from '$lib/queries/filters';
import type { ReportCoverPart, ReportPart } from './office-parts';

// The report as a Word document or a PowerPoint presentation: loaded when one is asked for, with
// `docx` or `pptxgenjs`; nothing of it weighs on the report page until then.

/** A report to write: its cover, its panels, and the page's language, filters and date. */
export interface ReportRequest {
  cover: ReportCoverPart;
  parts: ReportPart[];
  filters: Filters;
  lang: Lang;
  t: Translate;
  date: Date;
  paper: 'letter' | 'a4';
}

async function reportDocument(req: ReportRequest): Promise<OfficeDocument> {
  const { t, lang } = req;
  const items = [];
  // One chart at a time: each is drawn off-screen in the page, and rasterised.
  for (const part of req.parts) {
    items.push({
      spec: part.spec,
      heading: part.heading,
      filters: null,
      figures: part.figures,
      definition: part.definition,
      image: await chartImage(part.spec, lang),
      table: shownTable(part.spec, lang, t),
      source: sourceLine(part.spec, t)
    });
  }
  return {
    lang,
    title: t('report.title'),
    cover: req.cover,
    items,
    footer: exportDateText(req.date, lang, t),
    paper: req.paper,
    words: officeWords(t)
  };
}

function fileName(req: ReportRequest, ext: 'docx' | 'pptx'): string {
  const spans = req.parts.flatMap((p) => (p.spec.span ? [p.spec.span] : []));
  const span: [number, number] | null = spans.length
    ? [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))]
    : null;
  const size = ext === 'docx' ? req.t(req.paper === 'a4' ? 'report.a4' : 'report.letter') : '';
  return exportFileName({ subject: req.t('report.nav'), filters: req.filters, span, size, lang: req.lang, ext });
}

/** The report as a Word document: cover, contents, then a heading per indicator. */
export async function reportDocx(req: ReportRequest): Promise<ExportFile> {
  const [{ wordBlob }, doc] = await Promise.all([import('$lib/charts/export/docx'), reportDocument(req)]);
  return { blob: await wordBlob(doc), name: fileName(req, 'docx') };
}

/** The report as a 16:9 presentation: a cover slide, then a slide per indicator. */
export async function reportPptx(req: ReportRequest): Promise<ExportFile> {
  const [{ slidesBlob }, doc] = await Promise.all([import('$lib/charts/export/pptx'), reportDocument(req)]);
  return { blob: await slidesBlob(doc), name: fileName(req, 'pptx') };
}
