import type { Coordinator } from '$lib/coordinator/coordinator';
import { agreementsModel } from './agreements';
import { catalogueModel } from './catalogue';
import { indicatorModel, prepareIndicator } from './indicator';
import { overviewModel, prepareOverview } from './overview';
import { reportModel } from './report';

/**
 * Every page whose model follows its URL: what computes it (the same code on the server, in the
 * browser, and behind the server connector's endpoint), and what to build ahead for its first change.
 */
export const PAGES = {
  overview: { model: overviewModel, prepare: prepareOverview },
  indicator: { model: indicatorModel, prepare: prepareIndicator },
  agreements: { model: agreementsModel, prepare: null },
  report: { model: reportModel, prepare: null },
  // No parameters: recomputed in the browser only when it holds imported data, whose indicators it lists too.
  catalogue: { model: (db: Coordinator, _params: null) => catalogueModel(db), prepare: null }
} as const;

/** A page's name. */
export type PageName = keyof typeof PAGES;
/** What a page's model is computed from (filters, indicator, breakdown …), as its URL says. */
export type ParamsOf<N extends PageName> = Parameters<(typeof PAGES)[N]['model']>[1];
/** A page's model. */
export type ModelOf<N extends PageName> = Awaited<ReturnType<(typeof PAGES)[N]['model']>>;

/** Whether `name` names a page. */
export function isPage(name: string): name is PageName {
  return Object.hasOwn(PAGES, name);
}

/** A page's model for `params` on `db`. */
export function pageModel<N extends PageName>(db: Coordinator, page: N, params: ParamsOf<N>): Promise<ModelOf<N>> {
  const model = PAGES[page].model as (db: Coordinator, params: ParamsOf<N>) => Promise<ModelOf<N>>;
  return model(db, params);
}

/** Builds ahead what the page will ask for (the coordinator's indexes), so that its first change finds it ready. */
export async function preparePage<N extends PageName>(db: Coordinator, page: N, params: ParamsOf<N>): Promise<void> {
  const prepare = PAGES[page].prepare as ((db: Coordinator, params: ParamsOf<N>) => Promise<void>) | null;
  if (prepare) await prepare(db, params);
}
