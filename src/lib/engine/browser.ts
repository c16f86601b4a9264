import { Coordinator } from '$lib/coordinator/coordinator';
import { connect } from '$lib/db/connector';
import { listLocal, type LocalDataset } from '$lib/import/local';
import { ReplayMismatch, replayImport } from '$lib/import/replay';
import type { DatasetEntry, DatasetFile } from '$lib/queries/datasets';
import { loadDatasets, setUp } from './load';
import { restoreSnapshot } from './snapshot';
import { manifestKey, readParts, snapshotUrl } from './snapshot-parts';

let loaded: { key: string; db: Promise<Coordinator>; ready: Coordinator | null } | undefined;
/** Whether this page's engine was ever loaded: only its first load starts from the server's tables. */
let loadedBefore = false;
const listeners = new Set<(state: EngineState) => void>();

/**
 * Where the browser's engine is: not asked yet, starting (wasm compiling, CSVs loading, then their
 * summaries built), ready (it answers pages), failed.
 */
export type EngineState = 'idle' | 'starting' | 'ready' | 'failed';
let state: EngineState = 'idle';

function setState(next: EngineState) {
  state = next;
  for (const l of listeners) l(next);
}

/** Calls `fn` on every change of the engine's state (and once now); returns the unsubscribe. */
export function onEngineState(fn: (state: EngineState) => void): () => void {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

/**
 * Where the app serves a dataset's CSV; the version makes the URL change when the file does. `raw=1`:
 * the bytes as stored, not the copy for people whose formula-like cells are neutralised.
 */
export function datasetUrl(entry: DatasetEntry): string {
  return `/api/datasets/${entry.name.split('/').map(encodeURIComponent).join('/')}?v=${entry.version}&raw=1`;
}

/**
 * Imports kept in this browser that could not be loaded again at the engine's last start, by dataset
 * name, with why: the Données page says so beside the file (its copy is kept, to retry or remove).
 */
const unreplayed = new Map<string, ReplayFailure>();

/** Why a kept import was not loaded again: it gives other values now, or it could not be read at all. */
export type ReplayFailure = { accepted: number; expected: number } | { message: string };

/** The kept imports that failed to load again at the last start (read once the engine is ready). */
export function replayFailures(): ReadonlyMap<string, ReplayFailure> {
  return new Map(unreplayed);
}

async function load(manifest: readonly DatasetEntry[]): Promise<Coordinator> {
  setState('starting');
  // The server engine's tables are asked for at once: the server keeps them ready, gzipped (4 MB at
  // 100 k observations), and they arrive while the wasm compiles. Should the server hold other data by
  // now, the files are read instead, once the engine runs (downloading them while the wasm compiles took
  // the two cores from the compile). The browser pre-aggregates: one page asks the same few indicators
  // again on every filter change.
  const local = listLocal().catch((): LocalDataset[] => []);
  // An engine that holds data already (a dataset published since) reads the new files instead.
  const snapshot = loadedBefore ? Promise.resolve(null) : fetch(snapshotUrl(manifest)).catch(() => null);
  loadedBefore = true;
  const db = new Coordinator(await connect(), { preaggregate: true });
  if (!(await fromSnapshot(db, await snapshot))) await fromFiles(db, manifest);
  // The files imported in this browser, after the published data, in the order they were imported;
  // once the tables' build is done (a snapshot's macros and views, which an import's staging uses).
  await db.settled();
  unreplayed.clear();
  for (const d of await local) {
    if (!d.source) continue;
    await replayImport(db, d).catch((err: unknown) => {
      console.error(`Vigie: ${d.fileName} could not be loaded again`, err);
      unreplayed.set(
        d.name,
        err instanceof ReplayMismatch
          ? { accepted: err.accepted, expected: err.expected }
          : { message: err instanceof Error ? err.message : String(err) }
      );
    });
  }
  await db.settled();
  setState('ready');
  return db;
}

/**
 * The data as the server's engine holds them (engine/snapshot.ts), when it still holds those of
 * `manifest` and this engine holds none yet: false when they could not be had whole (the engine is then
 * as it was, and the files are read instead).
 */
async function fromSnapshot(db: Coordinator, res: Response | null): Promise<boolean> {
  if (!res?.ok || !res.body) return false;
  try {
    await restoreSnapshot(db, readParts(res.body));
    return true;
  } catch (err) {
    console.warn('Vigie: the data are read from their files, not from the server engine’s copy', err);
    void res.body.cancel().catch(() => {}); // the rest of it is not needed
    return false;
  }
}

/**
 * The published files read and their tables derived by this engine, as the server's engine does: the
 * catalogue files first, while the observations still download.
 */
async function fromFiles(db: Coordinator, manifest: readonly DatasetEntry[]): Promise<void> {
  const download = (entries: readonly DatasetEntry[]) => {
    const files = Promise.all(
      entries.map(async (entry): Promise<DatasetFile> => {
        const res = await fetch(datasetUrl(entry));
        if (!res.ok) throw new Error(`${entry.name}: HTTP ${res.status}`);
        return { name: entry.name, kind: entry.kind, blob: await res.blob(), replaces: entry.replaces };
      })
    );
    files.catch(() => {}); // its failure is the load's, awaited below; not an unhandled one meanwhile
    return files;
  };
  const observations = manifest.filter((e) => e.kind === 'observations');
  const catalogue = download(manifest.filter((e) => e.kind !== 'observations'));
  const rows = download(observations);
  await setUp(db);
  // Their summaries (the rollup the page's index reads, the filter bar's choices) are built once the
  // rows are in (`vigie:load:ready`), and the engine is ready once they are: the server answers until then.
  await loadDatasets(db, await catalogue, { summaries: observations.length ? 'none' : 'after' });
  if (observations.length) await loadDatasets(db, await rows, { summaries: 'after' });
}

/**
 * The browser's DuckDB with the published datasets loaded. Started once; a new manifest (a dataset
 * published meanwhile) reloads the data into the same engine.
 */
export function browserEngine(manifest: readonly DatasetEntry[]): Promise<Coordinator> {
  const key = manifestKey(manifest);
  if (loaded?.key !== key) {
    const db = load(manifest);
    const entry: NonNullable<typeof loaded> = { key, db, ready: null };
    db.then(
      (ready) => (entry.ready = ready),
      () => {
        setState('failed');
        if (loaded === entry) loaded = undefined;
      }
    );
    loaded = entry;
  }
  return loaded.db;
}

/** The browser's engine if it already holds the data of `manifest`; null while it loads (or was never asked). */
export function readyEngine(manifest: readonly DatasetEntry[]): Coordinator | null {
  return loaded?.key === manifestKey(manifest) ? loaded.ready : null;
}
