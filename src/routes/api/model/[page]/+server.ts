import { error } from '@sveltejs/kit';
import { computeOnServer } from '$lib/server/page-model';
import { isPage } from '$lib/views/pages';
import type { RequestHandler } from './$types';

/**
 * The server connector's endpoint: a page's model for the parameters of its URL (`?region=Europe`,
 * `?id=` for an indicator), computed by the same view code as the page's server render. The browser
 * asks it while its own engine loads the data; it never receives SQL.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
  if (!isPage(params.page)) error(404, 'Unknown page');
  const query = new URLSearchParams(url.searchParams);
  const id = query.get('id') ?? '';
  query.delete('id');
  const { kept } = await computeOnServer(params.page, query, id, locals.lang);
  return new Response(kept.json, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};
