/** The sizes a chart is exported at, named after where managers paste it. */
export type PresetId = 'screen' | 'word' | 'slide' | 'halfSlide';

/** A size to lay a chart out at. Lengths are CSS pixels (96 to the inch), as Word and PowerPoint count them. */
export interface Preset {
  id: PresetId;
  /** Width of the whole image; null for the chart's width on screen. */
  width: number | null;
  /** Height of the whole image; null for the chart's height on screen plus its captions. */
  height: number | null;
  /**
   * How much larger text and strokes are than on screen. The chart is laid out at width ÷ zoom (so its
   * ticks suit that width) and then drawn zoom times larger: 11 px ticks become 22 px on a slide,
   * which is about what reads from the back of a room.
   */
  zoom: number;
}

const CM = 96 / 2.54;

/** On screen, Word page width (16 cm), full 16:9 slide (13,33 × 7,5 in), half a slide beside text. */
export const PRESETS: readonly Preset[] = [
  { id: 'screen', width: null, height: null, zoom: 1 },
  // 16 cm is an A4 or Letter page less Word's default margins; 10 cm keeps two charts to a page.
  { id: 'word', width: Math.round(16 * CM), height: Math.round(10 * CM), zoom: 1.15 },
  { id: 'slide', width: 1280, height: 720, zoom: 2 },
  // Half a slide's width, and the height left under a slide title.
  { id: 'halfSlide', width: 640, height: 540, zoom: 1.6 }
];

/** The preset of an id (the on-screen one when unknown). */
export function presetOf(id: PresetId): Preset {
  return PRESETS.find((p) => p.id === id) ?? PRESETS[0]!;
}

/** The pixel densities offered for PNG: sharp on high-density screens and in print. */
export const DENSITIES = [2, 3] as const;
export type Density = (typeof DENSITIES)[number];
