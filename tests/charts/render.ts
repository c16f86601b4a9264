import { render } from 'svelte/server';
import type { Component } from 'svelte';

/** Renders a component on the server, as SvelteKit would, and returns its HTML body. */
export function html<P extends Record<string, unknown>>(component: Component<P>, props: P): string {
  return render(component, { props }).body;
}

/**
 * Makes SVG diffs readable and stable: numbers rounded to 3 decimals, generated ids renumbered in
 * order of appearance, Svelte's hydration comments dropped, one tag a line.
 */
export function normalise(markup: string): string {
  const ids = new Map<string, string>();
  return markup
    .replace(/<!--[^>]*-->/g, '')
    .replace(/ ?\bsvelte-[a-z0-9]+\b/g, '') // scoped-style hashes change with any CSS edit
    .replace(/ class=""/g, '')
    .replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 1000) / 1000))
    .replace(/\b(s\d+|hatch-s\d+|title-s\d+|desc-s\d+)\b/g, (id) => {
      if (!ids.has(id)) ids.set(id, `id${ids.size}`);
      return ids.get(id)!;
    })
    .replace(/></g, '>\n<')
    .trim() + '\n';
}
