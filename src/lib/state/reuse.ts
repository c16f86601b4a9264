const plain = (v: object) => [Object.prototype, null].includes(Object.getPrototypeOf(v));

/**
 * `next`, with every part that equals the same part of `prev` replaced by `prev`'s own object.
 *
 * A page's model is recomputed whole on each filter change, but most of it often stays as it was: a
 * panel whose indicator has no region under a new region filter, the shared time span, the filter
 * choices. Svelte skips whatever reads an object that is still the same (`===`), so handing it back the
 * previous objects where nothing changed spares redrawing those charts. Models are plain data (objects,
 * arrays, strings, numbers, booleans, null), never changed in place.
 */
export function reuse<T>(prev: T, next: T): T {
  if (prev === next || typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) {
    return Object.is(prev, next) ? prev : next;
  }
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const kept = i < prev.length ? reuse(prev[i], item) : item;
      if (kept !== prev[i]) same = false;
      return kept;
    });
    return (same ? prev : out) as T;
  }
  if (!plain(prev) || !plain(next)) return next; // a Date or a Map is compared by identity only
  const a = prev as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  const keys = Object.keys(b);
  let same = keys.length === Object.keys(a).length;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const kept = k in a ? reuse(a[k], b[k]) : b[k];
    if (kept !== a[k]) same = false;
    out[k] = kept;
  }
  return (same ? prev : out) as T;
}
