import { DIMENSIONS, type Dimension } from '$lib/queries/filters';
import type { BreakdownView, IndicatorParams } from '$lib/views/indicator';
import { filtersFromUrl } from './url';

/** URL words for the breakdown (French, like the rest of the shared links). */
const DIM_PARAM: Record<Dimension, string> = {
  region: 'region',
  country: 'pays',
  discipline: 'discipline',
  program: 'programme'
};
const VIEW_PARAM: Record<BreakdownView, string> = { stacked: 'empile', multiples: 'multiples' };

/** The indicator page's parameters from its URL's query; the breakdown defaults to `fallbackDim`. */
export function indicatorParamsFromUrl(
  id: string,
  params: URLSearchParams,
  fallbackDim: Dimension | null = 'region'
): IndicatorParams {
  const rawDim = params.get('par');
  const dim = rawDim === 'aucune' ? null : (DIMENSIONS.find((d) => DIM_PARAM[d] === rawDim) ?? fallbackDim);
  const view = params.get('vue') === VIEW_PARAM.multiples ? 'multiples' : 'stacked';
  return { id, filters: filtersFromUrl(params), dim, view };
}

/** The URL value of a breakdown choice. */
export function dimParam(dim: Dimension | null): string {
  return dim ? DIM_PARAM[dim] : 'aucune';
}

/** The URL value of a view. */
export function viewParam(view: BreakdownView): string {
  return VIEW_PARAM[view];
}
