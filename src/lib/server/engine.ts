import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import { loadDatasets } from '$lib/queries/datasets';
import { listCurrent, readAll } from './current';
import type { DatasetEntry } from './datadir';

interface Loaded {
  db: Connector;
  manifest: DatasetEntry[];
  stamp: string;
}

let current: Promise<Loaded> | undefined;

/** The current datasets' names and versions (data/ files by modification time): cheap on every request. */
async function stampOf(): Promise<string> {
  return (await listCurrent()).map((d) => `${d.name}@${d.stamp}`).join('|');
}

async function load(stamp: string): Promise<Loaded> {
  const { files, manifest } = await readAll(await listCurrent());
  const db = await connectNode();
  await loadDatasets(db, files);
  return { db, manifest, stamp };
}

/**
 * The server's DuckDB with the current data loaded (data/ as version 0, overridden by the store's
 * latest published versions): the same engine and queries as the browser, so the charts rendered on
 * the server are the ones the browser would draw. Reloaded when a file changes or a version is published.
 */
export async function serverEngine(): Promise<Loaded> {
  const stamp = await stampOf();
  const previous = current;
  if (previous) {
    const loaded = await previous.catch(() => undefined);
    if (loaded && loaded.stamp === stamp) return loaded;
    if (current !== previous) return current!; // another request already started the reload
  }
  current = load(stamp);
  current.catch(() => (current = undefined));
  return current;
}
