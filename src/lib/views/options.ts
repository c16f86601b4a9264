import type { Connector } from '$lib/db/types';
import { filterOptionsQuery } from '$lib/queries/observations';

/** The choices of the filter bar, from the data loaded. */
export interface FilterOptions {
  years: number[];
  region: string[];
  discipline: string[];
  program: string[];
}

/** Reads the filter bar's choices from the engine. */
export async function filterOptions(db: Connector): Promise<FilterOptions> {
  const rows = await db.query<{ dimension: string; value: string }>(filterOptionsQuery());
  const pick = (d: string) => rows.filter((r) => r.dimension === d).map((r) => r.value);
  return {
    years: pick('year').map(Number).sort((a, b) => a - b),
    region: pick('region').sort((a, b) => a.localeCompare(b, 'fr')),
    discipline: pick('discipline').sort((a, b) => a.localeCompare(b, 'fr')),
    program: pick('program').sort((a, b) => a.localeCompare(b, 'fr'))
  };
}
