const plain = (v: object) => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

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
  // Nothing is allocated while the parts are the same: a filter change often leaves most of them so.
  if (Array.isArray(prev) && Array.isArray(next)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < next.length; i++) {
      const kept = i < prev.length ? reuse(prev[i], next[i]) : next[i];
      if (out) out.push(kept);
      else if (i >= prev.length || kept !== prev[i]) out = [...prev.slice(0, i), kept];
    }
    if (out) return out as T;
    return (prev.length === next.length ? prev : prev.slice(0, next.length)) as T;
  }
  if (!plain(prev) || !plain(next)) return next; // a Date or a Map is compared by identity only
  const a = prev as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  const keys = Object.keys(b);
  let out: Record<string, unknown> | null = null;
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j]!;
    const kept = k in a ? reuse(a[k], b[k]) : b[k];
    if (out) out[k] = kept;
    else if (!(k in a) || kept !== a[k]) {
      out = {};
      for (const before of keys.slice(0, j)) out[before] = a[before];
      out[k] = kept;
    }
  }
  if (out) return out as T;
  if (keys.length === Object.keys(a).length) return prev;
  return Object.fromEntries(keys.map((k) => [k, a[k]])) as T; // fewer keys, the same values
}
