import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lab, rgb, type RGBColor } from 'd3';
import { describe, expect, it } from 'vitest';
import { DARK, LIGHT, SERIES_COLOURS, solidColour, type ChartTheme } from '$lib/charts/palette';

const require = createRequire(import.meta.url);

/** The SDG's tokens file, as shipped: its background colour in each theme. */
const tokens = readFileSync(require.resolve('qc-trousse-sdg/dist/css/qc-sdg-design-tokens.min.css'), 'utf8');
function token(css: string, name: string): string {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{3,6})\\b`).exec(css);
  if (!m) throw new Error(`--${name} not found`);
  return rgb(m[1]!).formatHex();
}
const darkBlock = tokens.slice(tokens.indexOf('.qc-dark-theme'));
const BACKGROUND = { light: token(tokens, 'qc-color-white'), dark: token(darkBlock, 'qc-color-white') };

const linear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const luminance = (c: RGBColor) => 0.2126 * linear(c.r / 255) + 0.7152 * linear(c.g / 255) + 0.0722 * linear(c.b / 255);
/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// Machado, Oliveira & Fernandes (2009), severity 1: how the colours look with each deficiency.
const DEFICIENCIES = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998]
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881]
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039]
  ],
  'typical vision': [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1]
  ]
};
const gamma = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
function simulate(hex: string, m: number[][]) {
  const c = rgb(hex);
  const v = [c.r, c.g, c.b].map((x) => linear(x / 255));
  const out = m.map((row) => gamma(Math.min(1, Math.max(0, row[0]! * v[0]! + row[1]! * v[1]! + row[2]! * v[2]!))) * 255);
  return lab(rgb(out[0]!, out[1]!, out[2]!));
}
/** The smallest CIE76 distance between two colours of the set, as seen with a deficiency. */
function closest(colours: readonly string[], m: number[][]): { distance: number; pair: string } {
  const seen = colours.map((c) => simulate(c, m));
  let best = { distance: Infinity, pair: '' };
  seen.forEach((a, i) =>
    seen.slice(i + 1).forEach((b, j) => {
      const d = Math.hypot(a.l - b.l, a.a - b.a, a.b - b.b);
      if (d < best.distance) best = { distance: d, pair: `${colours[i]} / ${colours[i + j + 1]}` };
    })
  );
  return best;
}

describe('chart palette against the SDG backgrounds', () => {
  const themes: [string, ChartTheme, string][] = [
    ['light', LIGHT, BACKGROUND.light],
    ['dark', DARK, BACKGROUND.dark]
  ];

  it('reads the SDG backgrounds from its tokens', () => {
    expect(BACKGROUND).toEqual({ light: '#ffffff', dark: '#121519' });
  });

  for (const [name, theme, background] of themes) {
    it(`gives every series 3:1 against the ${name} background (WCAG 1.4.11)`, () => {
      const low = theme.series.filter((c) => contrast(c, background) < 3);
      expect(low, theme.series.map((c) => `${c} ${contrast(c, background).toFixed(2)}`).join(', ')).toEqual([]);
    });

    it(`gives target and projection labels 4.5:1 and events 3:1 on the ${name} background`, () => {
      expect(contrast(theme.target, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.projection, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.event, background)).toBeGreaterThanOrEqual(3);
    });

    for (const [deficiency, matrix] of Object.entries(DEFICIENCIES)) {
      it(`keeps the ${name} series apart with ${deficiency}`, () => {
        // Okabe–Ito's own seven colours are at least 15.8 apart by this measure: the palette keeps that.
        const { distance, pair } = closest(theme.series, matrix);
        expect(distance, pair).toBeGreaterThanOrEqual(15);
      });

      it(`keeps the ${name} projection apart from the series it continues and the target with ${deficiency}`, () => {
        const { distance, pair } = closest([theme.series[0], theme.target, theme.projection], matrix);
        expect(distance, pair).toBeGreaterThanOrEqual(15);
      });
    }
  }

  it('declares the dark colours in app.css as palette.ts has them', () => {
    const css = readFileSync('src/app.css', 'utf8');
    const block = css.slice(css.indexOf(':root.qc-dark-theme {'));
    const value = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(block)?.[1]?.toUpperCase();
    expect(DARK.series.map((_, i) => value(`series-${i}`))).toEqual(DARK.series.map((c) => c.toUpperCase()));
    expect([
      value('chart-target'),
      value('chart-event'),
      value('chart-land'),
      value('chart-other-partner'),
      value('chart-projection')
    ]).toEqual([DARK.target, DARK.event, DARK.land, DARK.otherPartner, DARK.projection].map((c) => c.toUpperCase()));
  });

  it('falls back to the light colours where no stylesheet applies (exported files)', () => {
    expect(SERIES_COLOURS.map(solidColour)).toEqual([...LIGHT.series]);
    expect(solidColour('#123456')).toBe('#123456');
  });
});
