import { serverEngine } from '$lib/server/engine';
import { filtersFromUrl } from '$lib/state/url';
import { agreementsModel } from '$lib/views/agreements';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, untrack }) => {
  const filters = untrack(() => filtersFromUrl(url.searchParams));
  const { db } = await serverEngine();
  return { agreements: { params: filters, model: await agreementsModel(db, filters) } };
};
