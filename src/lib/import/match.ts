import { normaliseLabel } from './labels';

/** What the catalogue offers to match: an id and its names. */
export interface CatalogueEntry {
  indicator_id: string;
  name_fr: string;
  name_en: string;
}

/**
 * Finds the catalogue indicator a file's label means: by id or French or English name, accents, case,
 * spacing and punctuation ignored (`Tournées à l'étranger soutenues` = `tournees a l etranger soutenues`).
 */
export function matchIndicator(label: string, catalogue: readonly CatalogueEntry[]): string | null {
  const k = normaliseLabel(label);
  if (!k) return null;
  for (const e of catalogue) {
    if (normaliseLabel(e.indicator_id) === k || normaliseLabel(e.name_fr) === k || normaliseLabel(e.name_en) === k)
      return e.indicator_id;
  }
  return null;
}

/** A new indicator id from a label: ascii, lower case, words joined by `_`. */
export function slugId(label: string): string {
  return normaliseLabel(label).replace(/ /g, '_').slice(0, 60) || 'indicateur';
}
