import { formatPeriod, type PeriodLike } from '$lib/i18n/format';
import type { Lang } from '$lib/i18n/dict';
import { PROJECTION, TARGET } from '../palette';
import type { ProjectionPath } from '../types';

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
  /** Periods past the data that only the lines reach (the projection's, up to the target period). */
  ahead: string[];
  /** Lines over the data, as the page draws them; a value for each category, then each period ahead. */
  lines: NativeLine[];
}

/** The target (its value in every period) or the projection (dashed, from the last value to the target period). */
export interface NativeLine {
  role: 'target' | 'projection';
  /** Its name in the legend and the data sheet (« Cible 2025-2026 : 420 », « Projection »). */
  name: string;
  colour: string;
  values: (number | null)[];
}

/** What the page's chart draws over its data. */
export interface Overlays {
  target?: { value: number; label: string } | null;
  projection?: ProjectionPath | null;
}

/**
 * The target and projection lines of a time chart whose categories are `periods`: the projection starts
 * at the period of the last value (which must be one of them, else it is left out, as a category axis
 * could not place it) and runs on through its own periods, those past the last category added after it.
 */
export function overlayLines(
  periods: readonly PeriodLike[],
  { target, projection }: Overlays,
  lang: Lang
): Pick<NativeChart, 'ahead' | 'lines'> {
  const last = periods.at(-1);
  const points = projection?.points ?? [];
  const at = (p: { start: string; end: string }) => periods.findIndex((q) => q.start === p.start && q.end === p.end);
  const from = points[0] ? at(points[0]) : -1;
  const onward = from >= 0 && last ? points.slice(1).filter((p) => at(p) >= 0 || p.start > last.end) : [];
  const beyond = onward.filter((p) => at(p) < 0);
  const ahead = beyond.map((p) => formatPeriod({ ...p, period: '', granularity: last!.granularity }, lang));
  const count = periods.length + ahead.length;
  const lines: NativeLine[] = [];
  if (target) lines.push({ role: 'target', name: target.label, colour: TARGET, values: Array(count).fill(target.value) });
  if (onward.length) {
    const values: (number | null)[] = Array(count).fill(null);
    values[from] = points[0]!.value;
    for (const p of onward) values[at(p) >= 0 ? at(p) : periods.length + beyond.indexOf(p)] = p.value;
    lines.push({ role: 'projection', name: projection!.label, colour: PROJECTION, values });
  }
  return { ahead: lines.length ? ahead : [], lines };
}
