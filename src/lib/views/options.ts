import type { Coordinator } from '$lib/coordinator/coordinator';
import { filterOptionsQuery } from '$lib/queries/observations';

/** The choices of the filter bar, from the data loaded. */
export interface FilterOptions {
  years: number[];
  region: string[];
  discipline: string[];
  program: string[];
}

// One collator for every sort: `localeCompare(b, 'fr')` builds one per comparison.
const french = new Intl.Collator('fr');

/** Reads the filter bar's choices from the engine. */
export async function filterOptions(db: Coordinator): Promise<FilterOptions> {
  const rows = await db.query<{ dimension: string; value: string }>(filterOptionsQuery());
  const pick = (d: string) => rows.filter((r) => r.dimension === d).map((r) => r.value);
  return {
    years: pick('year')
      .map(Number)
      .sort((a, b) => a - b),
    region: pick('region').sort(french.compare),
    discipline: pick('discipline').sort(french.compare),
    program: pick('program').sort(french.compare)
  };
}
