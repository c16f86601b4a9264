import { untrack } from 'svelte';

/** How long an element out of view may show its previous figures after a change, at most. */
const OUT_OF_VIEW_MS = 300;

/**
 * What an element that may be out of view draws. Near the viewport (within `margin`), the latest
 * value, at once. Out of it, the value it last drew, until the browser is idle (within
 * `OUT_OF_VIEW_MS`) or the element nears the viewport, whichever comes first; `stale` meanwhile, for
 * `aria-busy`. A filter change then redraws, in the frame a manager sees, only the panels on screen:
 * the overview's eight panels took 12 ms at the median and 22 ms at the 95th percentile to redraw, its
 * two or three visible ones about half (docs/performance.md). Printing draws everything first.
 *
 * Until the observer has run (the server's page, hydration), everything counts as near. Call during a
 * component's setup; `attach` goes on the element (`{@attach shown.attach}`).
 */
export function drawnWhenSeen<T extends object>(latest: () => T, margin = '200px 0px') {
  let near = $state(true);
  let held = $state.raw(untrack(latest));
  const current = $derived(near ? latest() : held);
  const stale = $derived(!same(current, latest()));

  $effect(() => {
    if (near) return;
    const next = latest();
    const drawn = untrack(() => held);
    if (same(next, drawn)) return;
    const catchUp = () => (held = next);
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(catchUp, 0);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(catchUp, { timeout: OUT_OF_VIEW_MS });
    return () => cancelIdleCallback(id);
  });

  return {
    get current(): T {
      return current;
    },
    get stale(): boolean {
      return stale;
    },
    attach(node: Element): () => void {
      const observer = new IntersectionObserver(
        (entries) => {
          const now = entries[entries.length - 1]!.isIntersecting;
          // What it shows stays the same as it leaves the viewport: the latest, held from then on.
          if (!now) held = untrack(latest);
          near = now;
        },
        { rootMargin: margin }
      );
      observer.observe(node);
      const print = () => (held = untrack(latest));
      addEventListener('beforeprint', print);
      return () => {
        observer.disconnect();
        removeEventListener('beforeprint', print);
      };
    }
  };
}

/** Whether two objects hold the same values (`===`) under the same keys. */
function same(a: object, b: object): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
