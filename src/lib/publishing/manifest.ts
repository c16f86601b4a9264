import type { DatasetEntry } from '$lib/queries/datasets';

/** A manifest reduced to what identifies the data it describes: names and versions, in order. */
export function manifestKey(manifest: readonly Pick<DatasetEntry, 'name' | 'version'>[]): string {
  return manifest.map((e) => `${e.name}@${e.version}`).join('|');
}

/** How often an open page asks whether data were published meanwhile. */
export const POLL_MS = 30_000;
