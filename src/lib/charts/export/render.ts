import { flushSync } from 'svelte';
import { embeddedFontCss, FONT_FAMILY, loadExportFont, MEASURE_FAMILY } from './font';
import type { Preset } from './presets';
import type { ExportSpec } from './spec';
import { layoutFrame, standaloneSvg, type FrameWords, type TextMeasure } from './svg';

// Browser only: the chart is drawn by its own component, off-screen, and its styles are read back.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties written as attributes, with their initial value (no attribute needed when unchanged). */
const PROPERTIES: Record<string, string> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-dasharray': 'none',
  'stroke-opacity': '1',
  'stroke-linejoin': 'miter',
  'stroke-linecap': 'butt',
  opacity: '1',
  'font-size': '16px',
  'font-weight': '400',
  'font-style': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  visibility: 'visible'
};
/** Those a child takes from its parent: compared with the parent's, not with the initial value. */
const INHERITED = new Set(Object.keys(PROPERTIES).filter((p) => p !== 'opacity'));

/** `rgba(0, 0, 0, 0.06)` → `#000000` and 0.06: SVG 1.1 readers (PowerPoint) do not know rgba(). */
function hexColour(value: string): { hex: string; alpha: number } | null {
  const m = value.match(/^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/);
  if (!m) return null;
  const hex = `#${[m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`;
  return { hex, alpha: m[4] === undefined ? 1 : Number(m[4]) };
}

function setProperty(el: Element, prop: string, value: string): void {
  if (prop === 'fill' || prop === 'stroke') {
    const colour = hexColour(value);
    if (colour) {
      el.setAttribute(prop, colour.hex);
      if (colour.alpha < 1) el.setAttribute(`${prop}-opacity`, String(colour.alpha));
      return;
    }
  }
  if (prop === 'stroke-dasharray') value = value.replace(/px/g, '').replace(/,\s*/g, ' ');
  else if (/^-?[\d.]+px$/.test(value)) value = value.slice(0, -2);
  el.setAttribute(prop, value);
}

/** Copies the computed styles of `original`'s tree onto `clone`'s as presentation attributes. */
function writeStyles(original: Element, clone: Element, parent: CSSStyleDeclaration): void {
  const style = getComputedStyle(original);
  if (original.tagName.toLowerCase() !== 'title') {
    for (const [prop, initial] of Object.entries(PROPERTIES)) {
      const value = style.getPropertyValue(prop);
      const reference = INHERITED.has(prop) ? parent.getPropertyValue(prop) : initial;
      if (value && value !== reference) setProperty(clone, prop, value);
    }
  }
  for (const attr of [...clone.attributes]) {
    if (attr.name === 'class' || attr.name === 'tabindex' || attr.name === 'role' || attr.name.startsWith('aria-'))
      clone.removeAttribute(attr.name);
    // `dy="0.32em"` is read as pixels (or not at all) by some SVG importers; write what it measures.
    else if ((attr.name === 'dx' || attr.name === 'dy') && attr.value.endsWith('em')) {
      clone.setAttribute(attr.name, String(Math.round(parseFloat(attr.value) * parseFloat(style.fontSize) * 100) / 100));
    }
  }
  // A halo drawn under the text (paint-order: stroke) is not understood everywhere: where it is not,
  // the white stroke is painted over the letters. Draw it as a separate text underneath instead.
  if (
    original.tagName.toLowerCase() === 'text' &&
    style.getPropertyValue('paint-order').startsWith('stroke') &&
    style.stroke !== 'none'
  ) {
    const halo = clone.cloneNode(true) as Element;
    setProperty(halo, 'fill', style.stroke);
    halo.setAttribute('stroke-linejoin', 'round');
    clone.before(halo);
    clone.setAttribute('stroke', 'none');
  }
  const originals = [...original.children];
  const clones = [...clone.children];
  originals.forEach((child, i) => writeStyles(child, clones[i]!, style));
}

/** The chart's content with its styles written in, as a `<g>` to place in the export frame. */
function serialiseChart(svg: SVGSVGElement): string {
  const group = document.createElementNS(SVG_NS, 'g');
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const rootStyle = getComputedStyle(svg);
  const clones = [...clone.children]; // captured first: halos are inserted as we go
  [...svg.children].forEach((child, i) => writeStyles(child, clones[i]!, rootStyle));
  // Svelte's anchor comments mean nothing outside the page.
  const comments = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const found: Node[] = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  for (const c of found) c.parentNode?.removeChild(c);
  group.append(...clone.childNodes);
  return new XMLSerializer().serializeToString(group);
}

/** Draws the spec's chart at exactly `width` × `height`, off-screen, and returns its styled markup. */
function drawOffscreen(spec: ExportSpec, width: number, height: number): string {
  const host = document.createElement('div');
  host.className = 'light-surface'; // exported in the light theme's colours, whatever the screen's theme
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  Object.assign(host.style, { position: 'fixed', left: '-100000px', top: '0', width: `${width}px`, pointerEvents: 'none' });
  document.body.append(host);
  const remove = spec.draw(host, { width, height });
  try {
    flushSync();
    const svg = host.querySelector('svg');
    if (!svg) throw new Error('the chart drew no SVG');
    return serialiseChart(svg);
  } finally {
    remove();
    host.remove();
  }
}

function canvasMeasure(): TextMeasure {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  return (text, size, bold) => {
    ctx.font = `${bold ? 700 : 400} ${size}px '${MEASURE_FAMILY}'`;
    return ctx.measureText(text).width;
  };
}

/** An exported image: the SVG file and its size in CSS pixels. */
export interface RenderedImage {
  svg: string;
  width: number;
  height: number;
}

/**
 * Lays the chart out again at the preset's size (ticks and labels recomputed for that width, then
 * zoomed so text stays legible) inside a frame carrying its title, filters, source and date.
 */
export async function renderImage(
  spec: ExportSpec,
  words: FrameWords,
  preset: Preset,
  screenWidth: number,
  lang: 'fr' | 'en'
): Promise<RenderedImage> {
  const [fontCss] = await Promise.all([embeddedFontCss(), loadExportFont()]);
  const zoom = preset.zoom;
  const width = preset.width ?? Math.round(screenWidth);
  const layout = layoutFrame(
    words,
    { width: width / zoom, height: preset.height === null ? null : preset.height / zoom, chartHeight: spec.height },
    canvasMeasure()
  );
  const height = preset.height ?? Math.round(layout.height * zoom);
  const chart = drawOffscreen(spec, Math.round(layout.chart.width), Math.round(layout.chart.height));
  const svg = standaloneSvg({
    layout,
    chart,
    title: words.title,
    description: spec.description,
    lang,
    size: { width, height },
    fontCss,
    fontFamily: FONT_FAMILY
  });
  return { svg, width, height };
}
