/**
 * Chart colours, for both themes of Québec's design system.
 *
 * Each colour is a CSS variable with the light theme's value as its fallback: `var(--series-0, #0072B2)`.
 * The page's stylesheet (app.css) gives the dark theme's values; a chart drawn for an export sits in a
 * `.light-surface` element, where they are reset, and takes the light ones. Files that are not
 * drawn by a browser (SVG legends read by Office, say) take `solidColour()`.
 *
 * Series: Okabe–Ito's colours, told apart with every common colour-vision deficiency, ordered so that the
 * first five keep 3:1 against the chart's background (WCAG 1.4.11) in both themes. On white, Okabe–Ito's
 * orange and sky blue have 2.3:1, so the light theme's sixth and seventh are a wine and a crimson chosen
 * for 3:1 and for a distance from the others as large as theirs (tests/unit/charts/palette.test.ts checks
 * both, under simulated protanopia, deuteranopia and tritanopia). On the dark theme's background (#121519),
 * black gives way to the SDG's light text colour and orange and sky blue keep their place.
 */
/** The colours of one theme. */
export interface ChartTheme {
  /** Seven series colours. */
  series: readonly [string, string, string, string, string, string, string];
  /** Targets, drawn dashed so they read in black and white too; their label is text (4.5:1). */
  target: string;
  /** Events on the time axis. */
  event: string;
  /** Countries without a partner on the map. */
  land: string;
  /** Partners on the map that do not cite the 2005 Convention. */
  otherPartner: string;
  /** A projection to the target: dashed, with a light band; its label is text (4.5:1). */
  projection: string;
}

/** The light theme's colours (the SDG's white background). */
export const LIGHT: ChartTheme = {
  series: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000', '#6B2D43', '#ED1758'],
  target: '#B34700',
  event: '#4E5662', // the SDG's grey-dark
  land: '#E4E4E4',
  otherPartner: '#7FC4EA',
  projection: '#1F3F73' // a dark blue apart from the first series it continues
};

/** The same roles on the dark theme's background (#121519). */
export const DARK: ChartTheme = {
  series: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#D7D8DD', '#E69F00', '#56B4E9'],
  target: '#F08A4B',
  event: '#A7ACBC',
  land: '#3B424C',
  otherPartner: '#7FC4EA',
  projection: '#A8B8FF' // a periwinkle, as far from the first series and the target as on white
};

const themed = (name: string, light: string) => `var(--${name}, ${light})`;

/** The series colours, in order (a tuple, as long as the palette). */
export const SERIES_COLOURS = LIGHT.series.map((c, i) => themed(`series-${i}`, c)) as unknown as ChartTheme['series'];

/** The colour of a single series. */
export const PRIMARY = SERIES_COLOURS[0];
/** Targets. */
export const TARGET = themed('chart-target', LIGHT.target);
/** Events on the time axis. */
export const EVENT = themed('chart-event', LIGHT.event);
/** Countries without a partner. */
export const LAND = themed('chart-land', LIGHT.land);
/** Partners that do not cite the 2005 Convention. */
export const OTHER_PARTNER = themed('chart-other-partner', LIGHT.otherPartner);
/** A projection to the target. */
export const PROJECTION = themed('chart-projection', LIGHT.projection);
/** Québec's point on the map. */
export const HOME = SERIES_COLOURS[1];

/** The colour of the i-th series of a chart, cycling. */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length]!;
}

/** A colour as a plain value (the light theme's): `var(--series-0, #0072B2)` → `#0072B2`. */
export function solidColour(colour: string): string {
  return /^var\(--[\w-]+,\s*(.+)\)$/.exec(colour)?.[1]?.trim() ?? colour;
}
