import type { Lang } from '$lib/i18n/dict';
import { solidColour } from '../palette';

/** Measures a line of text in the export font at a size, in pixels. */
export type TextMeasure = (text: string, size: number, bold: boolean) => number;

/** A width estimate from character counts, for where no font can be measured (Node, tests). */
export const estimateText: TextMeasure = (text, size, bold) => text.length * size * (bold ? 0.6 : 0.55);

/** The words around an exported chart, in the interface language. */
export interface FrameWords {
  title: string;
  /** The indicator and its unit. */
  subtitle: string | null;
  /** The active filters. */
  filters: string;
  /** One entry a series, when several are drawn (colour alone would not say which is which). */
  legend: { label: string; colour: string }[];
  /** `Source : …`. */
  source: string;
  /** `Vigie · exporté le …`. */
  date: string;
  /** The sample mark's text, when sample data is drawn. */
  sample: string | null;
}

/** A line of text placed on the image (baseline at y). */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  colour: string;
}

/** Where everything goes, in the image's own units (CSS pixels ÷ zoom). */
export interface FrameLayout {
  width: number;
  height: number;
  /** The chart's box: it is laid out at exactly this size. */
  chart: { x: number; y: number; width: number; height: number };
  texts: PlacedText[];
  swatches: { x: number; y: number; size: number; colour: string }[];
  badge: { x: number; y: number; width: number; height: number; text: PlacedText } | null;
}

const PAD = 16;
// The light theme's text colours of Québec's design system (an exported image is always light).
const INK = '#223654';
const MUTED = '#4e5662';
const TITLE = { size: 17, bold: true, colour: INK };
const SUBTITLE = { size: 13, bold: false, colour: INK };
const NOTE = { size: 12, bold: false, colour: MUTED };
const FOOTER = { size: 11, bold: false, colour: MUTED };
const LINE = 1.3;

/** Splits text into lines no wider than `width`, at spaces; a word longer than a line gets its own. */
export function wrapText(text: string, width: number, size: number, bold: boolean, measure: TextMeasure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Places the title, subtitle, filters, legend, chart and footer. With a fixed height (a preset) the
 * chart takes what the words leave; without one (on-screen size) it keeps `chartHeight`.
 */
export function layoutFrame(
  words: FrameWords,
  box: { width: number; height: number | null; chartHeight: number },
  measure: TextMeasure = estimateText
): FrameLayout {
  const width = box.width;
  const inner = width - 2 * PAD;
  const texts: PlacedText[] = [];
  let top = PAD;

  let badge: FrameLayout['badge'] = null;
  if (words.sample) {
    const w = measure(words.sample, 11, true) + 16;
    const x = width - PAD - w;
    badge = {
      x,
      y: top,
      width: w,
      height: 20,
      text: { text: words.sample, x: x + w / 2, y: top + 14, size: 11, bold: true, colour: INK }
    };
  }
  const put = (text: string, style: typeof TITLE, lineWidth = inner) => {
    for (const line of wrapText(text, lineWidth, style.size, style.bold, measure)) {
      texts.push({ text: line, x: PAD, y: top + style.size * 1.02, ...style });
      top += style.size * LINE;
    }
  };
  put(words.title, TITLE, badge ? inner - badge.width - 10 : inner);
  if (badge) top = Math.max(top, badge.y + badge.height + 4);
  if (words.subtitle) put(words.subtitle, SUBTITLE);
  top += 2;
  put(words.filters, NOTE);

  const swatches: FrameLayout['swatches'] = [];
  if (words.legend.length) {
    top += 4;
    let x = PAD;
    for (const item of words.legend) {
      const w = 15 + measure(item.label, NOTE.size, false);
      if (x > PAD && x + w > width - PAD) {
        x = PAD;
        top += NOTE.size * LINE;
      }
      swatches.push({ x, y: top + 2, size: 10, colour: solidColour(item.colour) });
      texts.push({ text: item.label, x: x + 15, y: top + NOTE.size * 0.95, ...NOTE, colour: INK });
      x += w + 14;
    }
    top += NOTE.size * LINE;
  }
  top += 8;

  const footer = [...wrapText(words.source, inner, FOOTER.size, false, measure), words.date];
  const footerHeight = footer.length * FOOTER.size * LINE;
  const chartHeight = box.height === null ? box.chartHeight : Math.max(60, box.height - top - 8 - footerHeight - PAD);
  // The chart's own margins hold its axis labels, so it spans nearly edge to edge.
  const chart = { x: 4, y: top, width: width - 8, height: chartHeight };
  let y = top + chartHeight + 8;
  for (const line of footer) {
    texts.push({ text: line, x: PAD, y: y + FOOTER.size * 1.02, ...FOOTER });
    y += FOOTER.size * LINE;
  }
  const height = box.height ?? Math.ceil(y + PAD);
  return { width, height, chart, texts, swatches, badge };
}

/** Text made safe for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

const r = (n: number) => String(Math.round(n * 100) / 100);

function textElement(t: PlacedText, anchor: 'start' | 'middle' = 'start'): string {
  const weight = t.bold ? ' font-weight="700"' : '';
  const anchorAttr = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return `<text x="${r(t.x)}" y="${r(t.y)}" font-size="${t.size}"${weight} fill="${t.colour}"${anchorAttr}>${escapeXml(t.text)}</text>`;
}

/** Everything a standalone SVG file is made of. */
export interface SvgParts {
  layout: FrameLayout;
  /** The chart's SVG content with its styles written in, placed at `layout.chart`. */
  chart: string;
  /** The file's `<title>` (the chart's title). */
  title: string;
  /** The file's `<desc>` (what it shows, for screen readers and search). */
  description: string;
  lang: Lang;
  /** Size of the image in CSS pixels: the layout's units times the preset's zoom. */
  size: { width: number; height: number };
  /** `@font-face` rules with the font files inlined. */
  fontCss: string;
  /** The font stack, embedded font first. */
  fontFamily: string;
}

/**
 * A standalone SVG file: no stylesheet, font or image is fetched from anywhere, every style is an
 * attribute (which Inkscape and PowerPoint read more reliably than CSS), and the font is inlined.
 */
export function standaloneSvg(p: SvgParts): string {
  const { layout } = p;
  const badge = layout.badge
    ? `<rect x="${r(layout.badge.x)}" y="${r(layout.badge.y)}" width="${r(layout.badge.width)}" height="${layout.badge.height}" rx="10" fill="#f8e69a" stroke="#ad781c" stroke-width="1.5" stroke-dasharray="4 2"/>` +
      textElement(layout.badge.text, 'middle')
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${p.size.width}" height="${p.size.height}" viewBox="0 0 ${r(layout.width)} ${r(layout.height)}" xml:lang="${p.lang}" font-family="${escapeXml(p.fontFamily)}" role="img" aria-labelledby="vigie-title vigie-desc">`,
    `<title id="vigie-title">${escapeXml(p.title)}</title>`,
    `<desc id="vigie-desc">${escapeXml(p.description)}</desc>`,
    p.fontCss ? `<style>${p.fontCss}</style>` : '',
    `<rect width="${r(layout.width)}" height="${r(layout.height)}" fill="#ffffff"/>`,
    badge,
    ...layout.swatches.map(
      (s) =>
        `<rect x="${r(s.x)}" y="${r(s.y)}" width="${s.size}" height="${s.size}" fill="${s.colour}" stroke="#6b6b6b" stroke-width="0.5"/>`
    ),
    ...layout.texts.map((t) => textElement(t)),
    `<g transform="translate(${r(layout.chart.x)},${r(layout.chart.y)})">${p.chart}</g>`,
    '</svg>',
    ''
  ]
    .filter((line) => line !== '')
    .join('\n');
}
