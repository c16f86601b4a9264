import { error } from '@sveltejs/kit';
import { translator, type Lang } from '$lib/i18n/dict';
import { pageParams } from '$lib/state/url';
import type { ModelOf, PageName, ParamsOf } from '$lib/views/pages';
import { serverEngine } from './engine';
import { keptModel, type KeptModel } from './model-cache';

/** A page's parameters and model, as the server computes them from its URL. */
export interface Computed<N extends PageName> {
  params: ParamsOf<N>;
  model: ModelOf<N>;
}

/**
 * A page's model on the server's engine, for the page's server load and for the browser's server
 * connector (`/api/model/[page]`, which sends its `json`): one code path, so both give the same figures.
 * Kept until the data change (./model-cache.ts). 404 for an unknown indicator.
 */
export async function computeOnServer<N extends PageName>(
  page: N,
  query: URLSearchParams,
  id: string,
  lang: Lang
): Promise<Computed<N> & { kept: KeptModel<N> }> {
  const params = pageParams(page, query, id);
  const { db } = await serverEngine();
  const kept = await keptModel(db, page, params);
  if (page === 'indicator' && !(kept.model as ModelOf<'indicator'>).indicator)
    error(404, translator(lang)('indicator.notFound', { id }));
  return { params, model: kept.model, kept };
}

/**
 * The server load of a page: its model for the URL asked. The URL is read untracked: once hydrated,
 * a change of parameters is answered in the browser (or through the server connector), not by
 * running this load again.
 */
export function pageLoad<N extends PageName>(page: N) {
  return async (event: {
    url: URL;
    params: Partial<Record<string, string>>;
    untrack: <T>(fn: () => T) => T;
    locals: { lang: Lang };
  }): Promise<{ computed: Computed<N> }> => {
    const query = event.untrack(() => new URLSearchParams(event.url.searchParams));
    const id = event.params.id ?? ''; // tracked: another indicator is another server render
    const { params, model } = await computeOnServer(page, query, id, event.locals.lang);
    return { computed: { params, model } }; // not its JSON: the page is sent its model once
  };
}
