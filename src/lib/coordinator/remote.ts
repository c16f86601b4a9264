import type { ModelOf, PageName } from '$lib/views/pages';

/** Where the server answers a page's model: `/api/model/overview?region=Europe`. */
export function modelUrl(page: PageName, query: string, id = ''): string {
  const search = new URLSearchParams(query);
  if (id) search.set('id', id);
  const q = search.toString();
  return `/api/model/${page}${q ? `?${q}` : ''}`;
}

/** A model URL with its parameters in sorted order, empty ones left out: the key of an early answer. */
function keyOf(url: string): string {
  const u = new URL(url, 'http://vigie.invalid');
  const search = new URLSearchParams([...u.searchParams].filter(([, value]) => value !== ''));
  search.sort();
  const q = search.toString();
  return u.pathname + (q ? `?${q}` : '');
}

/** What the filter form's inline script asked before the page hydrated (src/lib/components/early-choice.ts). */
interface EarlyModel {
  url: string;
  response: Promise<Response>;
}

/** The answer asked before hydration for `url`, taken once (a later change asks anew); null if none. */
function takeEarly(url: string): Promise<Response> | null {
  const scope = globalThis as { __vigieEarlyModel?: EarlyModel };
  const early = scope.__vigieEarlyModel;
  if (!early) return null;
  delete scope.__vigieEarlyModel;
  return early.url === keyOf(url) ? early.response : null;
}

/**
 * The server connector: asks the server for a page's model computed by the same view code on its
 * engine, over HTTP. The browser sends the page's URL parameters, never SQL. A choice made before the
 * page hydrated was asked then: its answer is used rather than asked again.
 */
export async function serverModel<N extends PageName>(
  page: N,
  query: string,
  id = '',
  fetcher: typeof fetch = fetch
): Promise<ModelOf<N>> {
  const url = modelUrl(page, query, id);
  const ask = () => fetcher(url, { headers: { accept: 'application/json' } });
  const early = takeEarly(url);
  const res = (early && (await early.catch(() => null))) || (await ask());
  if (!res.ok) throw new Error(`${page}: HTTP ${res.status}`);
  return (await res.json()) as ModelOf<N>;
}
