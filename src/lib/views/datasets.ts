import type { Coordinator } from '$lib/coordinator/coordinator';
import { datasetSummaryQuery, type DatasetSummary } from '$lib/queries/datasets';

/** The Données page: every loaded dataset, its coverage and whether it is sample or real. */
export async function datasetsModel(db: Coordinator): Promise<DatasetSummary[]> {
  return db.query<DatasetSummary>(datasetSummaryQuery());
}
