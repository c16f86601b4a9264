import { stat } from 'node:fs/promises';
import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import { loadDatasets } from '$lib/queries/datasets';
import { dataDir, listDataDir, readDataDir, type DatasetEntry } from './datadir';

interface Loaded {
  db: Connector;
  manifest: DatasetEntry[];
  stamp: string;
}

let current: Promise<Loaded> | undefined;

/** Names and modification times of the data folder: cheap to read on every request. */
async function stampOf(): Promise<string> {
  const listed = await listDataDir(dataDir());
  const times = await Promise.all(listed.map((e) => stat(e.path).then((s) => `${e.name}:${s.mtimeMs}:${s.size}`)));
  return times.join('|');
}

async function load(stamp: string): Promise<Loaded> {
  const { files, manifest } = await readDataDir();
  const db = await connectNode();
  await loadDatasets(db, files);
  return { db, manifest, stamp };
}

/**
 * The server's DuckDB with the data folder loaded: the same engine and queries as the browser, so the
 * charts rendered on the server are the ones the browser would draw. Reloaded when a file changes.
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
