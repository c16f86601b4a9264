import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Indicator } from '$lib/queries/indicators';
import { pageBasis } from './basis';
import { AXES, headlinesOf, type Axis } from './overview';

/** One axis of the catalogue: its indicators, in the catalogue's order, and which is on the overview. */
export interface CatalogueAxis {
  axis: Axis;
  indicators: Indicator[];
  /** The indicator the overview shows for this axis. */
  headline: string | null;
}

/** Every indicator followed, by axis: those of the shipped catalogue, then those imports described. */
export interface CatalogueModel {
  axes: CatalogueAxis[];
}

/** The catalogue page's model, the same on the server and in a browser holding imported data. */
export async function catalogueModel(db: Coordinator): Promise<CatalogueModel> {
  const { catalogue } = await pageBasis(db);
  const headlines = new Map(headlinesOf(catalogue).map((h) => [h.axis, h.indicator.indicator_id]));
  return {
    axes: AXES.map((axis) => ({
      axis,
      indicators: catalogue.filter((i) => i.axis === axis),
      headline: headlines.get(axis) ?? null
    })).filter((a) => a.indicators.length)
  };
}
