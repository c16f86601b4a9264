import { getContext, setContext } from 'svelte';
import type { ScaleLinear, ScaleTime } from 'd3';

/** Space around the plot area, in pixels, for axes and labels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What a chart container hands its marks: its size and its scales. Read through getters: it updates. */
export interface ChartContext {
  readonly width: number;
  readonly height: number;
  readonly margin: Margin;
  /** Plot width, inside the margins. */
  readonly innerWidth: number;
  /** Plot height, inside the margins. */
  readonly innerHeight: number;
  /** Time → x inside the plot (0 … innerWidth). */
  readonly x: ScaleTime<number, number>;
  /** Value → y inside the plot (innerHeight … 0). */
  readonly y: ScaleLinear<number, number>;
}

const KEY = Symbol('vigie-chart');

/** Called by a chart container to share its scales with the marks inside it. */
export function setChart(ctx: ChartContext): void {
  setContext(KEY, ctx);
}

/** Called by a mark to read its container's scales. */
export function getChart(): ChartContext {
  const ctx = getContext<ChartContext | undefined>(KEY);
  if (!ctx) throw new Error('A chart mark must be placed inside a chart container.');
  return ctx;
}
