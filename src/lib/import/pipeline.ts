import { Coordinator } from '$lib/coordinator/coordinator';
import type { Connector } from '$lib/db/types';
import { rebuildSummaries } from '$lib/engine/load';
import { datasetIdQuery, datasetMetaQueries, deleteDatasetQueries, loadedDatasetsQuery } from '$lib/queries/datasets';
import { cleanupQueries } from '$lib/queries/import';
import {
  acceptedQueries,
  commitRowsQuery,
  existingQuery,
  exportDatasetQueries,
  insertIndicatorQuery,
  type NewIndicator
} from '$lib/queries/import-commit';

/**
 * Loads the accepted rows as a new dataset, in one transaction: either every accepted row is in (with
 * what they hide and the summaries rebuilt) or nothing changed.
 */
export async function commitImport(
  db: Connector,
  dataset: string,
  defaultSource: string,
  mode: 'append' | 'replace',
  newIndicators: readonly NewIndicator[] = []
): Promise<{ rows: number }> {
  // Through the coordinator's transactions, so that nothing it queues (a rollup's build) runs inside this one.
  const engine = db instanceof Coordinator ? db : new Coordinator(db);
  // A dataset loaded again under its name (a kept import, when the published data changed) replaces
  // its earlier copy.
  const again = (await engine.query<{ dataset: string }>(loadedDatasetsQuery())).some((d) => d.dataset === dataset);
  const rows = await engine.transaction(async () => {
    if (again)
      for (const q of [...deleteDatasetQueries(dataset), ...deleteDatasetQueries(`${dataset}.indicators.csv`)])
        await engine.query(q);
    for (const ind of newIndicators) await engine.query(insertIndicatorQuery(`${dataset}.indicators.csv`, ind));
    await engine.query(existingQuery(dataset)); // again: what is loaded may have changed since the check
    for (const q of acceptedQueries(dataset, defaultSource, mode)) await engine.query(q);
    await engine.query(datasetIdQuery(dataset));
    const [{ Count: added } = { Count: 0 }] = await engine.query<{ Count: number }>(commitRowsQuery());
    for (const q of datasetMetaQueries(dataset, mode === 'replace', again)) await engine.query(q);
    // Its indicators described again, or taken out with its earlier copy: the catalogue is rebuilt too.
    await rebuildSummaries(engine, again || newIndicators.length > 0);
    return added;
  });
  await engine.compress();
  for (const q of cleanupQueries()) await engine.query(q);
  return { rows };
}

/** A loaded dataset's rows as canonical CSV bytes (docs/data-format.md): what the server stores on a publish. */
export async function exportDataset(db: Connector, dataset: string): Promise<Uint8Array> {
  const file = `vigie_export_${Date.now()}.csv`;
  for (const q of exportDatasetQueries(dataset, file)) await db.query(q);
  try {
    return await db.readFile(file);
  } finally {
    await db.dropFile(file);
  }
}
