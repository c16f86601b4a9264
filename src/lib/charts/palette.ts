/**
 * Okabe–Ito: eight colours told apart with every common colour-vision deficiency. Yellow is left out of
 * series colours because it has too little contrast on white.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'] as const;

/** The colour of a single series. */
export const PRIMARY = '#0072B2';
/** Targets, drawn dashed so they read in black and white too. */
export const TARGET = '#B34700';
/** Events on the time axis. */
export const EVENT = '#4d4d4d';

/** The colour of the i-th series of a chart, cycling. */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length]!;
}
