import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Filters } from '$lib/queries/filters';
import type { Indicator } from '$lib/queries/indicators';
import { pageBasis } from './basis';
import {
  allYears,
  domainOf,
  domainWithProjections,
  isAxis,
  overviewModel,
  panelsOf,
  type Axis,
  type OverviewModel
} from './overview';

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

/**
 * The report's panels, computed the same way on the server and in the browser. Without a choice it is
 * the overview itself; with one, each ticked indicator becomes a panel, in the catalogue's order.
 */
export async function reportModel(db: Coordinator, params: ReportParams): Promise<ReportModel> {
  const { filters, indicators } = params;
  const { catalogue, dims, annotations, options } = await pageBasis(db);
  if (indicators === null) return { ...(await overviewModel(db, filters)), catalogue };
  const drawable = catalogue.filter((i) => isAxis(i.axis));
  const chosen = drawable
    .filter((i) => indicators.includes(i.indicator_id))
    .map((indicator) => ({ axis: indicator.axis as Axis, indicator }));
  // One index for every indicator a report can tick: ticking another one finds it ready.
  const ids = chosen.map((c) => c.indicator.indicator_id);
  const rows = ids.length
    ? await db.series(
        ids,
        allYears(filters),
        drawable.map((i) => i.indicator_id)
      )
    : [];
  const panels = panelsOf(chosen, rows, dims, filters, annotations);
  const domain = domainWithProjections(domainOf(panels.flatMap((p) => p.series)), panels);
  return { filters, panels, annotations, options, domain, catalogue };
}
