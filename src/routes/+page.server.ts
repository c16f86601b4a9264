import { serverEngine } from '$lib/server/engine';
import { filtersFromUrl } from '$lib/state/url';
import { overviewModel } from '$lib/views/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, untrack }) => {
  // Read without tracking: when the filters change in the browser, its own DuckDB recomputes
  // instead of a round trip here.
  const filters = untrack(() => filtersFromUrl(url.searchParams));
  const { db } = await serverEngine();
  return { overview: { params: filters, model: await overviewModel(db, filters) } };
};
