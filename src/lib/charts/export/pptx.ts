import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { solidColour } from '../palette';
import type { NativeChart } from './native';
import type { OfficeDocument, OfficeItem } from './office';

// A PowerPoint presentation written in the browser with pptxgenjs (loaded only when one is asked for):
// 16:9, one slide per chart, each chart a native PowerPoint chart holding its data (editable in
// PowerPoint, « Modifier les données »), the highlights as bullet points, the source in the footer.

const INK = '1A1A1A';
const MUTED = '4A4A4A';
const FONT = 'Arial';

/** How the axis writes numbers, as an Office number format (which each reader writes in its own locale). */
function numberFormat(unit: string, lang: 'fr' | 'en'): string {
  if (unit === 'CAD') return lang === 'fr' ? '#,##0 "$"' : '"$"#,##0';
  if (unit === 'percent') return lang === 'fr' ? '0.0 "%"' : '0.0"%"';
  return '#,##0';
}

/**
 * The chart's data for pptxgenjs: one entry a series, missing values left empty (never zero), none in the
 * periods ahead that only the target and projection reach. PowerPoint draws horizontal bars from the bottom
 * up: a ranking is handed over reversed, so that it reads downward.
 */
function chartData(native: NativeChart) {
  const order = <T>(list: readonly T[]) => (native.horizontal ? [...list].reverse() : [...list]);
  const labels = order([...native.categories, ...native.ahead]);
  const padded = (values: readonly (number | null)[]) => order([...values, ...native.ahead.map(() => null)]) as number[];
  return native.series.map((s) => ({ name: s.name, labels, values: padded(s.values) }));
}

/** The target and the projection, each a line chart of its own over the data (its own colour and dash). */
function lineCharts(pptx: PptxGenJS, native: NativeChart): PptxGenJS.IChartMulti[] {
  const labels = [...native.categories, ...native.ahead];
  return native.lines.map((l) => ({
    type: pptx.ChartType.line,
    data: [{ name: l.name, labels, values: l.values as number[] }],
    options: {
      chartColors: [solidColour(l.colour).replace('#', '')],
      lineSize: l.role === 'target' ? 1.5 : 2,
      lineDash: l.role === 'target' ? 'dash' : 'sysDash',
      lineDataSymbol: 'none'
    }
  }));
}

function addChart(pptx: PptxGenJS, slide: PptxGenJS.Slide, item: OfficeItem, doc: OfficeDocument, box: PptxGenJS.PositionProps) {
  const { spec } = item;
  const altText = `${spec.title} — ${spec.description}`;
  const native = spec.native;
  if (!native) {
    const base64 = btoa(Array.from(item.image.png, (b) => String.fromCharCode(b)).join(''));
    const h = Math.min(Number(box.h), (Number(box.w) * item.image.height) / item.image.width);
    slide.addImage({ data: `data:image/png;base64,${base64}`, ...box, h, altText });
    return;
  }
  const own: PptxGenJS.IChartOpts = {
    barDir: native.horizontal ? 'bar' : 'col',
    barGrouping: native.stacked ? 'stacked' : 'clustered',
    barGapWidthPct: 40,
    chartColors: native.series.map((s) => solidColour(s.colour).replace('#', '')),
    lineSize: 2,
    lineDataSymbolSize: 7
  };
  const type = native.kind === 'bar' ? pptx.ChartType.bar : pptx.ChartType.line;
  const common: PptxGenJS.IChartOpts = {
    ...box,
    altText,
    displayBlanksAs: 'gap',
    // The target and projection are named in the legend, where the page writes their names on the chart.
    showLegend: native.series.length > 1 || native.lines.length > 0,
    legendPos: 'b',
    legendFontSize: 11,
    catAxisLabelFontSize: 11,
    catAxisLabelColor: MUTED,
    valAxisLabelFontSize: 11,
    valAxisLabelColor: MUTED,
    valAxisLabelFormatCode: numberFormat(native.unit, doc.lang),
    valGridLine: { color: 'D9D9D9', size: 0.5 },
    lang: doc.lang === 'fr' ? 'fr-CA' : 'en-CA'
  };
  if (!native.lines.length) slide.addChart(type, chartData(native), { ...common, ...own });
  // A combo chart takes its options where a single chart takes its data (pptxgenjs's documented call; its
  // types say otherwise).
  else
    slide.addChart([{ type, data: chartData(native), options: own }, ...lineCharts(pptx, native)], common as unknown as never[]);
}

function footer(slide: PptxGenJS.Slide, text: string, lang: string) {
  slide.addText(text, { x: 0.5, y: 6.85, w: 12.3, h: 0.45, fontSize: 10, color: MUTED, fontFace: FONT, lang, valign: 'top' });
}

/** A chart's slide: title, subtitle, the native chart on the left, the highlights on the right, source below. */
function chartSlide(pptx: PptxGenJS, item: OfficeItem, doc: OfficeDocument) {
  const lang = doc.lang === 'fr' ? 'fr-CA' : 'en-CA';
  const { spec } = item;
  const slide = pptx.addSlide();
  slide.addText(item.heading, {
    x: 0.5,
    y: 0.3,
    w: spec.sample ? 9.8 : 12.3,
    h: 0.65,
    fontSize: 26,
    bold: true,
    color: INK,
    fontFace: FONT,
    lang
  });
  if (spec.sample) {
    slide.addText(doc.words.sample, {
      x: 10.5,
      y: 0.38,
      w: 2.3,
      h: 0.42,
      fontSize: 12,
      bold: true,
      color: '6B3A00',
      fill: { color: 'FFF4E0' },
      line: { color: '8A4B00', width: 1, dashType: 'dash' },
      align: 'center',
      fontFace: FONT,
      lang
    });
  }
  const under = [spec.subtitle, item.filters].filter(Boolean).join(' · ');
  if (under) slide.addText(under, { x: 0.5, y: 0.95, w: 12.3, h: 0.4, fontSize: 14, color: MUTED, fontFace: FONT, lang });
  const wide = spec.highlights.length === 0;
  addChart(pptx, slide, item, doc, { x: 0.4, y: 1.45, w: wide ? 12.5 : 7.7, h: 5.3 });
  if (!wide) {
    slide.addText(
      spec.highlights.map((text) => ({ text, options: { bullet: true, breakLine: true, paraSpaceAfter: 6 } })),
      { x: 8.3, y: 1.45, w: 4.6, h: 5.3, fontSize: 12, color: INK, valign: 'top', fontFace: FONT, lang, fit: 'shrink' }
    );
  }
  footer(slide, [item.source, doc.footer].filter(Boolean).join(' · '), lang);
}

/** The report's first slide: what it covers, when, under which filters, and its contents. */
function coverSlide(pptx: PptxGenJS, doc: OfficeDocument) {
  const cover = doc.cover!;
  const lang = doc.lang === 'fr' ? 'fr-CA' : 'en-CA';
  const slide = pptx.addSlide();
  slide.addText(doc.title, { x: 0.5, y: 0.5, w: 12.3, h: 0.9, fontSize: 34, bold: true, color: INK, fontFace: FONT, lang });
  slide.addText(cover.subtitle, { x: 0.5, y: 1.4, w: 12.3, h: 0.5, fontSize: 16, color: MUTED, fontFace: FONT, lang });
  const colon = doc.lang === 'fr' ? '\u00a0: ' : ': ';
  slide.addText(
    cover.facts.map((f) => ({ text: `${f.label}${colon}${f.value}`, options: { breakLine: true } })),
    { x: 0.5, y: 2.1, w: 5.8, h: 1.6, fontSize: 14, color: INK, valign: 'top', fontFace: FONT, lang }
  );
  slide.addText(
    [
      { text: doc.words.contents, options: { bold: true, breakLine: true } },
      ...doc.items.map((item) => ({ text: item.heading, options: { breakLine: true } }))
    ],
    { x: 6.6, y: 2.1, w: 6.2, h: 4.5, fontSize: 13, color: INK, valign: 'top', fontFace: FONT, lang, fit: 'shrink' }
  );
  if (cover.notes.length) footer(slide, [...cover.notes, doc.footer].join(' · '), lang);
}

/**
 * pptxgenjs writes a missing value as an empty point (`<c:v></c:v>`) and an empty cell, which a reader
 * may take for zero. A missing point of an Office chart is an absent one: remove them, so the chart
 * leaves a gap, as the page does.
 */
async function withoutEmptyPoints(bytes: ArrayBuffer): Promise<Blob> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files)) {
    if (/^ppt\/charts\/chart\d+\.xml$/.test(name)) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, ''));
    } else if (/^ppt\/embeddings\/.+\.xlsx$/.test(name)) {
      const book = await JSZip.loadAsync(await zip.file(name)!.async('arraybuffer'));
      const sheet = book.file('xl/worksheets/sheet1.xml');
      if (sheet)
        book.file('xl/worksheets/sheet1.xml', (await sheet.async('string')).replace(/<c r="[A-Z]+\d+"><v><\/v><\/c>/g, ''));
      zip.file(name, await book.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    }
  }
  return zip.generateAsync({
    type: 'blob',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    compression: 'DEFLATE'
  });
}

/** The presentation (a report, or one chart), as a .pptx file. */
export async function slidesBlob(doc: OfficeDocument): Promise<Blob> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE'; // 13,33 × 7,5 in: 16:9
  pptx.title = doc.title;
  pptx.author = 'Vigie';
  pptx.company = 'Vigie';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  if (doc.cover) coverSlide(pptx, doc);
  for (const item of doc.items) chartSlide(pptx, item, doc);
  return withoutEmptyPoints((await pptx.write({ outputType: 'arraybuffer', compression: true })) as ArrayBuffer);
}
