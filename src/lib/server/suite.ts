/**
 * Where to send someone after signing in: `asked` (the `suite` parameter) when, parsed against the
 * site's own origin as a browser would parse it, it stays on that origin; else `/`. Deciding on the
 * parsed URL, not on the text, closes the tricks a text test misses: `/\t/evil.example` (browsers drop
 * the tab and go to `//evil.example`), `/\evil.example`, `https:evil.example`, line breaks.
 */
export function sameOriginPath(asked: unknown, origin: string): string {
  if (typeof asked !== 'string' || asked === '' || asked.length > 2000) return '/';
  let url: URL;
  try {
    url = new URL(asked, origin);
  } catch {
    return '/';
  }
  return url.origin === origin ? url.pathname + url.search + url.hash : '/';
}
