import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import TimeSeriesChart from '$lib/charts/TimeSeriesChart.svelte';
import { FONT_FAMILY } from '$lib/charts/export/font';
import { escapeXml, estimateText, layoutFrame, standaloneSvg, wrapText, type FrameWords } from '$lib/charts/export/svg';
import { html } from '../../charts/render';
import { events, realFontCss, svgContent, touring } from './fixtures';
import { chartWords } from '$lib/i18n/chart-words';
import { translator } from '$lib/i18n/dict';

const words: FrameWords = {
  title: "Tournées et soutien à l'exportation",
  subtitle: "Tournées à l'étranger soutenues — Nombre",
  filters: 'Filtres : Période : 2018 à 2022 · Région : Europe',
  legend: [],
  source: "Source : Conseil des arts & des lettres du Québec · Données d'exemple, générées pour la démonstration",
  date: 'Vigie · exporté le 12 mai 2025',
  sample: "Données d'exemple"
};

/** Draws the chart at the layout's size with the real component, then builds the file. */
function exportedSvg(size: { width: number; height: number }, zoom: number, frame = words): string {
  const layout = layoutFrame(frame, { width: size.width / zoom, height: size.height / zoom, chartHeight: 220 });
  const chart = svgContent(
    html(TimeSeriesChart, {
      series: touring,
      unit: 'count',
      measure: 'flow',
      lang: 'fr',
      labelledby: 'x',
      events,
      width: layout.chart.width,
      height: layout.chart.height,
      target: { value: 420, end: '2026-03-31', label: 'Cible 2025-2026 : 420' },
      words: chartWords(translator('fr'))
    })
  );
  return standaloneSvg({
    layout,
    chart,
    title: frame.title,
    description: 'Résumé',
    lang: 'fr',
    size,
    fontCss: realFontCss(),
    fontFamily: FONT_FAMILY
  });
}

/** Parses as XML, failing on any error or warning (xmldom recovers silently otherwise). */
function parseXml(text: string) {
  // xmldom lets a bare `&` through, which stricter readers (browsers, Inkscape) refuse.
  expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(
    text,
    'image/svg+xml'
  );
  expect(problems).toEqual([]);
  return doc;
}

const elements = (root: XmlElement): XmlElement[] => [root, ...Array.from(root.getElementsByTagName('*'))];
const texts = (root: XmlElement) => Array.from(root.getElementsByTagName('text')).map((t) => t.textContent ?? '');

describe('standalone SVG export', () => {
  const svg = exportedSvg({ width: 1280, height: 720 }, 2);
  const doc = parseXml(svg);
  const root = doc.documentElement!;

  it('is well-formed XML with an SVG root at the preset size, laid out in zoomed units', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(root.tagName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('1280');
    expect(root.getAttribute('height')).toBe('720');
    expect(root.getAttribute('viewBox')).toBe('0 0 640 360');
    expect(root.getAttribute('xml:lang')).toBe('fr');
  });

  it('carries the title, filters, unit, source, sample mark and date as text', () => {
    expect(root.getElementsByTagName('title')[0]?.textContent).toBe(words.title);
    const all = texts(root).join(' ');
    for (const part of [
      'Tournées et soutien',
      'Région : Europe',
      'Nombre',
      'Conseil des arts & des lettres',
      'exporté le 12 mai 2025',
      "Données d'exemple"
    ]) {
      expect(all).toContain(part);
    }
    // The chart itself: the target label and the events are inside.
    expect(all).toContain('Cible 2025-2026 : 420');
    expect(all).toContain('COVID-19');
  });

  it('is standalone: nothing is fetched, the font is inlined', () => {
    for (const el of elements(root)) {
      for (const attr of Array.from(el.attributes)) {
        if (/(^|:)href$/.test(attr.name)) expect(attr.value, `${el.tagName} ${attr.name}`).toMatch(/^#/);
        for (const m of attr.value.matchAll(/url\(\s*['"]?([^'")]*)/g))
          expect(m[1], `${el.tagName} ${attr.name}`).toMatch(/^(#|data:)/);
      }
      expect(['image', 'foreignObject', 'script', 'use', 'link']).not.toContain(el.tagName);
    }
    const css = Array.from(root.getElementsByTagName('style'))
      .map((s) => s.textContent ?? '')
      .join('');
    expect(css).not.toMatch(/@import/);
    const sources = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(sources).toHaveLength(2); // regular and bold
    for (const src of sources) expect(src).toMatch(/^data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}$/);
    expect(root.getAttribute('font-family')).toContain('Open Sans');
  });

  it('keeps every pattern reference inside the file', () => {
    const ids = new Set(
      elements(root)
        .map((el) => el.getAttribute('id'))
        .filter(Boolean)
    );
    for (const el of elements(root)) {
      for (const attr of Array.from(el.attributes)) {
        for (const m of attr.value.matchAll(/url\(#([^)]+)\)/g)) expect(ids.has(m[1]!), `#${m[1]}`).toBe(true);
      }
    }
  });

  it('escapes what XML reserves, in titles and sources', () => {
    const odd = exportedSvg({ width: 605, height: 378 }, 1.15, {
      ...words,
      title: 'Aide <exportation> & "tournées"',
      subtitle: null,
      sample: null
    });
    const oddRoot = parseXml(odd).documentElement!;
    expect(oddRoot.getElementsByTagName('title')[0]?.textContent).toBe('Aide <exportation> & "tournées"');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('export layout', () => {
  it('gives the chart what the words leave at a fixed size, and keeps its height on screen', () => {
    const fixed = layoutFrame(words, { width: 640, height: 360, chartHeight: 220 });
    expect(fixed.height).toBe(360);
    expect(fixed.chart.y + fixed.chart.height).toBeLessThan(360);
    expect(fixed.chart.height).toBeGreaterThan(150);
    const screen = layoutFrame(words, { width: 400, height: null, chartHeight: 190 });
    expect(screen.chart.height).toBe(190);
    expect(screen.height).toBeGreaterThan(190 + 80);
  });

  it('wraps a long title beside the sample mark, and lists series in a legend', () => {
    const narrow = layoutFrame(
      {
        ...words,
        legend: [
          { label: 'Europe', colour: '#0072B2' },
          { label: 'Asie', colour: '#E69F00' }
        ]
      },
      { width: 320, height: null, chartHeight: 200 }
    );
    const titleLines = narrow.texts.filter((t) => t.size === 17);
    expect(titleLines.length).toBeGreaterThan(1);
    expect(titleLines.map((t) => t.text).join(' ')).toBe(words.title);
    expect(narrow.swatches.map((s) => s.colour)).toEqual(['#0072B2', '#E69F00']);
    expect(narrow.badge).not.toBeNull();
    for (const t of titleLines) expect(t.x + estimateText(t.text, 17, true)).toBeLessThanOrEqual(narrow.badge!.x);
  });

  it('never breaks a word', () => {
    expect(wrapText('un deux trois quatre', 60, 10, false, estimateText)).toEqual(['un deux', 'trois', 'quatre']);
    expect(wrapText('anticonstitutionnellement', 20, 10, false, estimateText)).toEqual(['anticonstitutionnellement']);
  });
});
