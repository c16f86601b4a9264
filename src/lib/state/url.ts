import { DIMENSIONS, FILTER_DIMENSIONS, type Dimension, type FilterDimension, type Filters } from '$lib/queries/filters';
import type { BreakdownView, IndicatorParams } from '$lib/views/indicator';
import type { PageName, ParamsOf } from '$lib/views/pages';
import type { ReportParams } from '$lib/views/report';

// Every page's URL parameters, read and written here and nowhere else: the server's load, the browser's
// live model and the filter bar's <form method="get"> all name them the same way.

/** URL parameter of each filter: French, since the links are shared among French-speaking managers. */
export const FILTER_PARAM: Readonly<Record<keyof Filters, string>> = {
  from: 'de',
  to: 'a',
  region: 'region',
  discipline: 'discipline',
  program: 'programme'
};

/** The indicator page's breakdown (`?par=pays`) and view (`?vue=multiples`). */
export const BREAKDOWN_PARAM = 'par';
export const VIEW_PARAM = 'vue';

/** The report's ticked indicators: `?indicateurs=tournees_soutenues,bureaux_etranger`. */
export const INDICATORS_PARAM = 'indicateurs';

/** URL words for the breakdown (French, like the rest of the shared links). */
const DIM_WORD: Record<Dimension, string> = {
  region: 'region',
  country: 'pays',
  discipline: 'discipline',
  program: 'programme'
};
const NO_DIM = 'aucune';
const VIEW_WORD: Record<BreakdownView, string> = { stacked: 'empile', multiples: 'multiples' };

function year(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

function text(value: string | null): string | null {
  const v = value?.trim();
  return v ? v.slice(0, 200) : null;
}

/**
 * Reads filters from a URL's query (or a submitted filter form: `new URLSearchParams(formData)`);
 * anything malformed is ignored rather than refused.
 */
export function filtersFromUrl(params: URLSearchParams): Filters {
  let from = year(params.get(FILTER_PARAM.from));
  let to = year(params.get(FILTER_PARAM.to));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  const dims = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, text(params.get(FILTER_PARAM[d]))])) as Record<
    FilterDimension,
    string | null
  >;
  return { from, to, ...dims };
}

/** Writes filters into a copy of `url`, keeping its other parameters (view, breakdown …). */
export function urlWithFilters(url: URL, filters: Filters): URL {
  const next = new URL(url);
  for (const key of Object.keys(FILTER_PARAM) as (keyof Filters)[]) {
    const value = filters[key];
    if (value === null || value === '') next.searchParams.delete(FILTER_PARAM[key]);
    else next.searchParams.set(FILTER_PARAM[key], String(value));
  }
  return next;
}

/** The parameters of `params` that are not filters (breakdown, view, ticks …), for a form to carry along. */
export function otherParams(params: URLSearchParams): [string, string][] {
  const filterNames = new Set(Object.values(FILTER_PARAM));
  return [...params].filter(([k]) => !filterNames.has(k));
}

/** The indicator page's parameters from its URL's query; the breakdown defaults to `fallbackDim`. */
export function indicatorParamsFromUrl(
  id: string,
  params: URLSearchParams,
  fallbackDim: Dimension | null = 'region'
): IndicatorParams {
  const rawDim = params.get(BREAKDOWN_PARAM);
  const dim = rawDim === NO_DIM ? null : (DIMENSIONS.find((d) => DIM_WORD[d] === rawDim) ?? fallbackDim);
  const view = params.get(VIEW_PARAM) === VIEW_WORD.multiples ? 'multiples' : 'stacked';
  return { id, filters: filtersFromUrl(params), dim, view };
}

/** The URL value of a breakdown choice. */
export function dimParam(dim: Dimension | null): string {
  return dim ? DIM_WORD[dim] : NO_DIM;
}

/** The URL value of a view. */
export function viewParam(view: BreakdownView): string {
  return VIEW_WORD[view];
}

/** Reads a report's filters and ticked indicators from its URL; unknown ids are dropped by the model. */
export function reportParamsFromUrl(params: URLSearchParams): ReportParams {
  const raw = params.get(INDICATORS_PARAM);
  const indicators =
    raw === null
      ? null
      : [
          ...new Set(
            raw
              .split(',')
              .map((s) => s.trim())
              .filter((s) => /^[\w-]{1,64}$/.test(s))
          )
        ].slice(0, 100);
  return { filters: filtersFromUrl(params), indicators };
}

const PARAMS: { [N in PageName]: (query: URLSearchParams, id: string) => ParamsOf<N> } = {
  overview: (query) => filtersFromUrl(query),
  indicator: (query, id) => indicatorParamsFromUrl(id, query),
  agreements: (query) => filtersFromUrl(query),
  report: (query) => reportParamsFromUrl(query),
  catalogue: () => null
};

/** A page's parameters from its URL's query (and, for an indicator, the id its path names). */
export function pageParams<N extends PageName>(page: N, query: URLSearchParams, id = ''): ParamsOf<N> {
  return (PARAMS[page] as (query: URLSearchParams, id: string) => ParamsOf<N>)(query, id);
}
