import type { Connector } from '$lib/db/types';
import { rebuildDerived, rebuildSummaries } from '$lib/engine/load';
import { datasetMetaQueries, deleteDatasetQueries } from '$lib/queries/datasets';
import { cleanupQueries } from '$lib/queries/import';
import {
  acceptedQueries,
  appendObservationsQueries,
  commitRowsQuery,
  existingQuery,
  exportDatasetQueries,
  insertIndicatorQuery,
  type NewIndicator
} from '$lib/queries/import-commit';

/**
 * Loads the accepted rows as a new dataset, in one transaction: either every accepted row is in (raw
 * text for reloads, typed rows added to the derived tables, summaries rebuilt) or nothing changed.
 */
export async function commitImport(
  db: Connector,
  dataset: string,
  defaultSource: string,
  mode: 'append' | 'replace',
  newIndicators: readonly NewIndicator[] = []
): Promise<{ rows: number }> {
  // A dataset loaded again under its name (a kept import, when the published data changed) replaces
  // its earlier copy; the derived tables are then rebuilt, since that copy may have hidden other rows.
  const [{ n: again } = { n: 0 }] = await db.query<{ n: number }>({
    sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM dataset_meta WHERE dataset = ?',
    params: [dataset]
  });
  await db.query({ sql: 'BEGIN TRANSACTION' });
  try {
    if (again)
      for (const q of [...deleteDatasetQueries(dataset), ...deleteDatasetQueries(`${dataset}.indicators.csv`)]) await db.query(q);
    for (const ind of newIndicators) await db.query(insertIndicatorQuery(`${dataset}.indicators.csv`, ind));
    await db.query(existingQuery(dataset)); // again: what is loaded may have changed since the check
    for (const q of acceptedQueries(dataset, defaultSource, mode)) await db.query(q);
    await db.query(commitRowsQuery());
    for (const q of datasetMetaQueries(dataset, mode === 'replace')) await db.query(q);
    if (again) await rebuildDerived(db);
    else {
      for (const q of appendObservationsQueries(mode === 'replace')) await db.query(q);
      await rebuildSummaries(db, newIndicators.length > 0);
    }
    await db.query({ sql: 'COMMIT' });
  } catch (err) {
    await db.query({ sql: 'ROLLBACK' });
    throw err;
  }
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM import_accepted' });
  for (const q of cleanupQueries()) await db.query(q);
  return { rows: n };
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
