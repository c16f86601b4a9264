import { serverEngine } from '$lib/server/engine';
import { localDay } from '$lib/charts/export/caption';
import { reportModel } from '$lib/views/report';
import { reportParamsFromUrl } from '$lib/state/url';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, untrack }) => {
  // As on the overview: once hydrated, the browser's DuckDB recomputes for new filters or ticks.
  const params = untrack(() => reportParamsFromUrl(url.searchParams));
  const { db } = await serverEngine();
  return { report: { params, model: await reportModel(db, params) }, today: localDay(new Date()) };
};
