import type { Coordinator, CoordinatorOptions } from '$lib/coordinator/coordinator';
import { FILTER_DIMENSIONS, NO_FILTERS, type Filters } from '$lib/queries/filters';
import { filterOptionsQuery } from '$lib/queries/observations';
import { engineWith, readDataDir } from './engine';

// Shared by the tests that compare two ways of answering the same filters (rollups, the in-memory index).

const header = 'indicator_id,period,value,region,country,discipline,program,note,source\n';
export const small = `${header}tours,2018-2019,10,Europe,FRA,Musique,Exportation,,sample
tours,2018-2019,5,États-Unis,USA,Danse,Exportation,,sample
tours,2018-2019,7,Europe,BEL,Musique,Tournées,révisé,sample
tours,2019-2020,12,Europe,FRA,Musique,Tournées,,sample
tours,2019-2020,,États-Unis,USA,Danse,Tournées,x : confidentiel,sample
tours,2020-2021,,Europe,FRA,Musique,Exportation,suppressed,sample
rate,2019,40,Europe,,,,,Enquête A
rate,2019,60,Europe,,,,,Enquête B
rate,2019,80,États-Unis,,,,,Enquête A
rate,2020,,Europe,,,,,Enquête A
offices,2019-02,32,,,,,,MRIF
offices,2020-02,33,,,,,note b,MRIF
offices,2020-02,1,,,,,note a,MRIF
`;

/** Filters of every shape: no filter, each dimension alone, each pair, all three; with years or not. */
export function filterShapes(values: Record<(typeof FILTER_DIMENSIONS)[number], string[]>, years: number[]): Filters[] {
  const out: Filters[] = [];
  const n = FILTER_DIMENSIONS.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    for (const [from, to] of [
      [null, null],
      [years[1] ?? years[0]!, years.at(-2) ?? null]
    ] as const) {
      const f: Filters = { ...NO_FILTERS, from, to };
      FILTER_DIMENSIONS.forEach((d, i) => {
        if (mask & (1 << i)) f[d] = values[d][mask % values[d].length] ?? 'absent';
      });
      out.push(f);
    }
  }
  return out;
}

/** The shipped data in an engine, every indicator of its catalogue, and filters of every shape over its values. */
export async function shippedShapes(
  coordinator: CoordinatorOptions = {}
): Promise<{ db: Coordinator; ids: string[]; shapes: Filters[] }> {
  const { files } = await readDataDir('data');
  const db = await engineWith(files, coordinator);
  const options = await db.query<{ dimension: string; value: string }>(filterOptionsQuery());
  const pick = (d: string) => options.filter((o) => o.dimension === d).map((o) => o.value);
  const shapes = filterShapes(
    { region: pick('region'), discipline: pick('discipline'), program: pick('program') },
    pick('year').map(Number)
  );
  const ids = (await db.query<{ id: string }>({ sql: 'SELECT indicator_id AS id FROM indicators ORDER BY catalogue_order' })).map(
    (r) => r.id
  );
  return { db, ids, shapes };
}
