import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n/dict';
import { serverEngine } from '$lib/server/engine';
import { indicatorParamsFromUrl } from '$lib/state/url';
import { indicatorModel } from '$lib/views/indicator';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, untrack, locals }) => {
  const id = params.id; // tracked: another indicator is another server render
  const wanted = untrack(() => indicatorParamsFromUrl(id, url.searchParams));
  const { db } = await serverEngine();
  const model = await indicatorModel(db, wanted);
  if (!model.indicator) error(404, translator(locals.lang)('indicator.notFound', { id }));
  return { indicator: { params: wanted, model } };
};
