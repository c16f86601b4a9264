import type { Connector } from '$lib/db/types';
import { annotationsQuery, type Annotation } from '$lib/queries/annotations';
import type { Filters } from '$lib/queries/filters';
import { indicatorDimsQuery, indicatorsQuery, type Indicator, type IndicatorDims } from '$lib/queries/indicators';
import { seriesFromEngine, type SeriesReader } from '$lib/queries/series-index';
import { filterOptions } from './options';
import { AXES, domainOf, overviewModel, panelOf, type Axis, type OverviewModel } from './overview';

/** What a report is made of: the filters, and the indicators ticked (null: the overview's panels). */
export interface ReportParams {
  filters: Filters;
  /** Indicator ids in any order; null for the overview's headline panels. */
  indicators: string[] | null;
}

/** The report: the overview's model for those indicators, and the catalogue to tick from. */
export interface ReportModel extends OverviewModel {
  catalogue: Indicator[];
}

const isAxis = (axis: string): axis is Axis => (AXES as readonly string[]).includes(axis);

/**
 * The report's panels, computed the same way on the server and in the browser. Without a choice it is
 * the overview itself; with one, each ticked indicator becomes a panel, in the catalogue's order.
 */
export async function reportModel(db: Connector, params: ReportParams, read: SeriesReader = seriesFromEngine): Promise<ReportModel> {
  const { filters, indicators } = params;
  if (indicators === null) {
    const [overview, catalogue] = await Promise.all([overviewModel(db, filters, read), db.query<Indicator>(indicatorsQuery())]);
    return { ...overview, catalogue };
  }
  const [catalogue, dims, annotations, options] = await Promise.all([
    db.query<Indicator>(indicatorsQuery()),
    db.query<IndicatorDims>(indicatorDimsQuery()),
    db.query<Annotation>(annotationsQuery()),
    filterOptions(db)
  ]);
  const drawable = catalogue.filter((i) => isAxis(i.axis));
  const chosen = drawable.filter((i) => indicators.includes(i.indicator_id));
  // One index for every indicator a report can tick: ticking another one finds it ready.
  const rows = chosen.length ? await read(db, chosen.map((i) => i.indicator_id), filters, drawable.map((i) => i.indicator_id)) : [];
  const panels = chosen.map((indicator) =>
    panelOf(
      indicator.axis as Axis,
      indicator,
      rows.filter((r) => r.indicator_id === indicator.indicator_id),
      dims.find((d) => d.indicator_id === indicator.indicator_id),
      filters
    )
  );
  return { filters, panels, annotations, options, domain: domainOf(rows), catalogue };
}
