import { render } from 'svelte/server';
import type { Component, ComponentProps } from 'svelte';

/** Renders a component on the server, as SvelteKit would, and returns its HTML body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function html<C extends Component<any>>(component: C, props: ComponentProps<C>): string {
  // render's overloads cannot be satisfied by a generic C; the props are typed by this signature instead.
  const renderAny = render as (c: C, options: { props: ComponentProps<C> }) => { body: string };
  return renderAny(component, { props }).body;
}

/**
 * Makes SVG diffs readable and stable: numbers rounded to 3 decimals, generated ids renumbered in
 * order of appearance, Svelte's hydration comments dropped, one tag a line.
 */
export function normalise(markup: string): string {
  const ids = new Map<string, string>();
  return (
    markup
      .replace(/<!--[^>]*-->/g, '')
      .replace(/ ?\bsvelte-[a-z0-9]+\b/g, '') // scoped-style hashes change with any CSS edit
      .replace(/ class=""/g, '')
      .replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 1000) / 1000))
      .replace(/\b(s\d+|hatch-s\d+|title-s\d+|desc-s\d+)\b/g, (id) => {
        if (!ids.has(id)) ids.set(id, `id${ids.size}`);
        return ids.get(id)!;
      })
      .replace(/></g, '>\n<')
      .trim() + '\n'
  );
}
