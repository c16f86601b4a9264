import type { Coordinator } from '$lib/coordinator/coordinator';
import { annotationsQuery, type Annotation } from '$lib/queries/annotations';
import { indicatorDimsQuery, indicatorsQuery, type Indicator, type IndicatorDims } from '$lib/queries/indicators';
import { filterOptions, type FilterOptions } from './options';

/** What every page reads besides its series: the same for every filter, changing only with the data. */
export interface Basis {
  catalogue: Indicator[];
  dims: IndicatorDims[];
  annotations: Annotation[];
  options: FilterOptions;
}

/**
 * The basis on `db`'s current data, read once per change of data and shared by the pages. The same
 * objects from one filter change to the next let a page skip everything drawn from them (filter
 * choices, names, targets, events).
 */
export function pageBasis(db: Coordinator): Promise<Basis> {
  return db.kept('page-basis', async () => {
    const [catalogue, dims, annotations, options] = await Promise.all([
      db.query<Indicator>(indicatorsQuery()),
      db.query<IndicatorDims>(indicatorDimsQuery()),
      db.query<Annotation>(annotationsQuery()),
      filterOptions(db)
    ]);
    return { catalogue, dims, annotations, options };
  });
}
