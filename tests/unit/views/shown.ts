import KeyFigures from '$lib/components/KeyFigures.svelte';
import type { Panel } from '$lib/views/overview';
import { html } from '../../charts/render';

/** The text a manager reads in a panel's key figures, as the server renders them (tags dropped, spaces collapsed). */
export function keyFiguresText(panel: Panel, variant: 'card' | 'report' = 'card'): string {
  return html(KeyFigures, { panel, variant })
    .replace(/<!--[^>]*-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0|\u202f/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
