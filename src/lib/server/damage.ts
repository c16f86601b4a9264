import type { DamagedDataset } from '$lib/publishing/damage';

/** A dataset left out, with the file at fault (for the server's log; pages are not told paths). */
export interface Damage extends DamagedDataset {
  /** The file on disk at fault, or null. */
  file: string | null;
}

const logged = new Set<string>();

/** Writes each damage to the server's log once: the dataset, the reason and the file to look at. */
export function logDamage(damaged: readonly Damage[], log: (line: string) => void = console.error): void {
  for (const d of damaged) {
    const line = `Vigie: dataset ${d.name} left out (${d.code}: ${d.detail})${d.file ? `; file: ${d.file}` : ''}. ${d.shipped ? 'The administrator must replace this file of the data folder.' : 'An editor can restore a good version on /historique.'}`;
    if (logged.has(line)) continue;
    logged.add(line);
    log(line);
  }
}

/** What the pages may show of a damage: no paths. */
export function shownDamage(damaged: readonly Damage[]): DamagedDataset[] {
  return damaged.map(({ name, code, detail, shipped }) => ({ name, code, detail, shipped }));
}
