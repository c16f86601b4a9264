/**
 * A chart as Word and PowerPoint draw it themselves (an editable chart with its data sheet), rather than
 * as a picture: the data of what is drawn, in the interface language.
 */
export interface NativeChart {
  /** Bars for flows (stacked when several series) and counts, lines for levels (stocks). */
  kind: 'bar' | 'line';
  stacked: boolean;
  /** Bars along the vertical axis (a ranking), rather than columns over time. */
  horizontal: boolean;
  /** One label a period (or a category), in order. */
  categories: string[];
  /** One entry a series: its name, colour (`#0072B2`) and a value a category, null where it is missing. */
  series: { name: string; colour: string; values: (number | null)[] }[];
  /** `count`, `CAD`, `percent`: how the axis's numbers are written. */
  unit: string;
}
