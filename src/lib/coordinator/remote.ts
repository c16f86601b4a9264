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

/** How long an answer asked ahead is used: a publish meanwhile would otherwise go unseen. */
export const AHEAD_MS = 30_000;
/** At most this many answers asked ahead are held (a menu's options, for a few menus). */
const AHEAD_MAX = 48;

/** Answers asked ahead of a choice, by key (`keyOf`), with when they were asked. */
const ahead = new Map<string, { at: number; model: Promise<unknown> }>();

/** A response's model, or its failure named after `what` (a page, a URL). */
async function modelOf(what: string, res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status}`);
  return res.json();
}

async function fetchModel(page: PageName, url: string, fetcher: typeof fetch): Promise<unknown> {
  return modelOf(page, await fetcher(url, { headers: { accept: 'application/json' } }));
}

/** Holds an answer asked ahead under `key` (the oldest go first beyond AHEAD_MAX); a failed one is forgotten. */
function hold(key: string, at: number, model: Promise<unknown>): void {
  const entry = { at, model };
  model.catch(() => {
    if (ahead.get(key) === entry) ahead.delete(key);
  });
  ahead.delete(key); // re-inserted last
  ahead.set(key, entry);
  for (const old of ahead.keys()) {
    if (ahead.size <= AHEAD_MAX) break;
    ahead.delete(old);
  }
}

/**
 * Asks the server now for a model a manager is about to want (each option of the filter menu under
 * the pointer or the focus), so that choosing it is answered without a round trip. Asked once while
 * held; a failed answer is forgotten.
 */
export function askAhead(page: PageName, query: string, id = '', fetcher: typeof fetch = fetch): void {
  adoptEarlyAhead();
  const url = modelUrl(page, query, id);
  const key = keyOf(url);
  const held = ahead.get(key);
  if (held && Date.now() - held.at < AHEAD_MS) return;
  hold(key, Date.now(), fetchModel(page, url, fetcher));
}

/** What the filter form's inline script asked ahead before the page hydrated (early-choice.ts). */
type EarlyAhead = Record<string, { at: number; response: Promise<Response> }>;

/** Takes over the answers the filter form's inline script asked ahead before the page hydrated. */
function adoptEarlyAhead(): void {
  const scope = globalThis as { __vigieAhead?: EarlyAhead };
  const early = scope.__vigieAhead;
  if (!early) return;
  delete scope.__vigieAhead;
  for (const [key, { at, response }] of Object.entries(early)) {
    if (!ahead.has(key))
      hold(
        key,
        at,
        response.then((res) => modelOf(key, res))
      );
  }
}

/** The answer asked ahead for `url`, if recent; null if none. */
function heldAhead(url: string): Promise<unknown> | null {
  adoptEarlyAhead();
  const key = keyOf(url);
  const held = ahead.get(key);
  if (!held) return null;
  if (Date.now() - held.at < AHEAD_MS) return held.model;
  ahead.delete(key);
  return null;
}

/** The server's answer already asked ahead for these parameters (see `askAhead`), or null: asks nothing. */
export function heldModel<N extends PageName>(page: N, query: string, id = ''): Promise<ModelOf<N>> | null {
  return heldAhead(modelUrl(page, query, id)) as Promise<ModelOf<N>> | null;
}

/** Forgets the answers asked ahead (the data changed, or the page was left). */
export function forgetAhead(): void {
  delete (globalThis as { __vigieAhead?: EarlyAhead }).__vigieAhead;
  ahead.clear();
}

/**
 * The server connector: asks the server for a page's model computed by the same view code on its
 * engine, over HTTP. The browser sends the page's URL parameters, never SQL. A choice made before the
 * page hydrated was asked then, and one asked ahead (`askAhead`) was asked before it was made: their
 * answers are used rather than asked again.
 */
export async function serverModel<N extends PageName>(
  page: N,
  query: string,
  id = '',
  fetcher: typeof fetch = fetch
): Promise<ModelOf<N>> {
  const url = modelUrl(page, query, id);
  const early = takeEarly(url);
  const res = early && (await early.catch(() => null));
  if (res) return (await modelOf(page, res)) as ModelOf<N>;
  const held = heldAhead(url);
  const model = held && (await held.catch(() => null));
  return (model ?? (await fetchModel(page, url, fetcher))) as ModelOf<N>;
}
