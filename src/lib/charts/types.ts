/** A bar spanning its period on the time axis, from y0 to y1. */
export interface Bar {
  start: string;
  end: string;
  y0: number;
  y1: number;
  colour: string;
  /** Known only within a range: drawn hatched, behind the precise bars. */
  uncertain?: boolean;
  /** Covers its period only in part (a total to date): drawn lighter, outlined. */
  partial?: boolean;
}

/** A point of a level (stock) series: where it is measured and its value. */
export interface LinePoint {
  at: Date;
  value: number | null;
}

/** A dated event: where it falls and what it is called (short on the chart, long in the tooltip). */
export interface ChartEvent {
  at: string;
  short: string;
  label: string;
}

/** A table column: its heading, the value it sorts by, and how the cell reads. */
export interface Column<R> {
  key: string;
  label: string;
  value: (row: R) => string | number | null;
  /** Cell text; defaults to the value. */
  format?: (row: R) => string;
  numeric?: boolean;
}

/** A projected period: where the trend puts it, and its interval. */
export interface ProjectedPeriod {
  start: string;
  end: string;
  value: number;
  low: number;
  high: number;
}

/** A projection drawn after the last value: a dashed line through `points` and the band of their intervals. */
export interface ProjectionPath {
  /** The last value known (its interval is the value itself), then each projected period. */
  points: ProjectedPeriod[];
  /** Its name at the line's end (« Projection »). */
  label: string;
}
