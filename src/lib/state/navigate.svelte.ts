import { goto } from '$app/navigation';
import type { Filters } from '$lib/queries/filters';
import { urlWithFilters } from './url';

/** Puts filters in the address bar (bookmarkable, back-button friendly) without leaving the page. */
export function applyFilters(current: URL, next: Filters): Promise<void> {
  return goto(urlWithFilters(current, next), { keepFocus: true, noScroll: true });
}

/** Sets one extra page parameter (view, breakdown) in the address bar. */
export function applyParam(current: URL, key: string, value: string | null): Promise<void> {
  const next = new URL(current);
  if (value === null) next.searchParams.delete(key);
  else next.searchParams.set(key, value);
  return goto(next, { keepFocus: true, noScroll: true, replaceState: true });
}
