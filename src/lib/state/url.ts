import { FILTER_DIMENSIONS, type FilterDimension, type Filters } from '$lib/queries/filters';

/** URL parameter of each filter: French, since the links are shared among French-speaking managers. */
const PARAM: Record<keyof Filters, string> = {
  from: 'de',
  to: 'a',
  region: 'region',
  discipline: 'discipline',
  program: 'programme'
};

function year(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

function text(value: string | null): string | null {
  const v = value?.trim();
  return v ? v.slice(0, 200) : null;
}

/** Reads filters from a URL's query; anything malformed is ignored rather than refused. */
export function filtersFromUrl(params: URLSearchParams): Filters {
  let from = year(params.get(PARAM.from));
  let to = year(params.get(PARAM.to));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  const dims = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, text(params.get(PARAM[d]))])) as Record<
    FilterDimension,
    string | null
  >;
  return { from, to, ...dims };
}

/** Writes filters into a copy of `url`, keeping its other parameters (view, breakdown …). */
export function urlWithFilters(url: URL, filters: Filters): URL {
  const next = new URL(url);
  for (const key of Object.keys(PARAM) as (keyof Filters)[]) {
    const value = filters[key];
    if (value === null || value === '') next.searchParams.delete(PARAM[key]);
    else next.searchParams.set(PARAM[key], String(value));
  }
  return next;
}
