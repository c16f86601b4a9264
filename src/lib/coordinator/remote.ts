import type { ModelOf, PageName } from '$lib/views/pages';

/** Where the server answers a page's model: `/api/model/overview?region=Europe`. */
export function modelUrl(page: PageName, query: string, id = ''): string {
  const search = new URLSearchParams(query);
  if (id) search.set('id', id);
  const q = search.toString();
  return `/api/model/${page}${q ? `?${q}` : ''}`;
}

/**
 * The server connector: asks the server for a page's model computed by the same view code on its
 * engine, over HTTP. The browser sends the page's URL parameters, never SQL.
 */
export async function serverModel<N extends PageName>(
  page: N,
  query: string,
  id = '',
  fetcher: typeof fetch = fetch
): Promise<ModelOf<N>> {
  const res = await fetcher(modelUrl(page, query, id), { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${page}: HTTP ${res.status}`);
  return (await res.json()) as ModelOf<N>;
}
