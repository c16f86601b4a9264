import { pushState, replaceState } from '$app/navigation';
import { page } from '$app/state';
import type { Filters } from '$lib/queries/filters';
import { urlWithFilters } from './url';

// The query chosen but not yet written to the history: writing it costs a few milliseconds (SvelteKit
// reads the scroll position, which forces a layout, then the browser stores the entry), so it waits
// until the charts for the new filters are painted.
let unwritten = $state<string | null>(null);

/** Runs `fn` once the next frame is painted (or after 100 ms: a hidden tab paints no frame). */
function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (!done) fn();
    done = true;
  };
  requestAnimationFrame(() => setTimeout(run));
  setTimeout(run, 100);
}

/**
 * The address bar's URL (a copy). Filters and page parameters are written there with shallow routing:
 * no load function reruns and nothing is fetched, the page's own engine recomputes. `page.url` keeps
 * the URL the page was loaded with, and `page.state.search` the query written since: back and forward
 * restore it, and a reload sends it to the server, which renders the filtered page.
 */
export function currentUrl(): URL {
  // A plain copy for the caller to change, not reactive state: what it depends on is `page` and `unwritten`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const url = new URL(page.url);
  const search = unwritten ?? page.state.search;
  if (search !== undefined) url.search = search;
  return url;
}

/** The query string of `currentUrl()`: a string, so that what depends on it reruns only when it changes. */
export function currentSearch(): string {
  return currentUrl().search;
}

function write(url: URL, entry: 'push' | 'replace'): void {
  const search = url.search;
  unwritten = search;
  afterPaint(() => {
    if (unwritten !== search) return; // a later choice writes itself
    if (page.url.pathname === url.pathname) (entry === 'push' ? pushState : replaceState)(url, { search }); // unless the page was left
    unwritten = null;
  });
}

/** Puts filters in the address bar (bookmarkable, back-button friendly) without leaving the page. */
export function applyFilters(next: Filters): void {
  write(urlWithFilters(currentUrl(), next), 'push');
}

/** Sets one extra page parameter (view, breakdown) in the address bar, in place of the current entry. */
export function applyParam(key: string, value: string | null): void {
  const url = currentUrl();
  if (value === null) url.searchParams.delete(key);
  else url.searchParams.set(key, value);
  write(url, 'replace');
}
