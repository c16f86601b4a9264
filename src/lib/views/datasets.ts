import type { Connector } from '$lib/db/types';
import { datasetSummaryQuery, type DatasetSummary } from '$lib/queries/datasets';

/** The Données page: every loaded dataset, its coverage and whether it is sample or real. */
export async function datasetsModel(db: Connector): Promise<DatasetSummary[]> {
  return db.query<DatasetSummary>(datasetSummaryQuery());
}
