import { Coordinator } from '$lib/coordinator/coordinator';
import type { DatasetEntry } from '$lib/queries/datasets';
import { survey, type CurrentDataset } from './current';
import { logDamage, type Damage } from './damage';
import { threadContext } from './threads/context';
import { threadConnector } from './threads/connector';
import { Thread } from './threads/thread';

/** The data as loaded at one moment: the engine that answers the pages, its manifest, what was left out. */
export interface Snapshot {
  db: Coordinator;
  manifest: DatasetEntry[];
  /** Datasets left out (manifest, content or CSV damaged), with the reason. */
  damaged: Damage[];
  /** The current datasets' names and versions when it was loaded. */
  stamp: string;
  /** Its tables as a browser's engine starts from them (server/snapshot.ts), gzipped, made once. */
  browserCopy(): Promise<Uint8Array[]>;
}

interface Held extends Snapshot {
  thread: Thread;
}

let serving: Held | undefined;
let loading: { stamp: string; done: Promise<Held> } | undefined;
/** The last load that failed: the same data are not tried again for a while (every request would start one). */
let failed: { stamp: string; at: number; err: unknown } | undefined;
const RETRY_MS = 30_000;

/** The current datasets' names and versions (data/ files by modification time): cheap on every request. */
function stampOf(list: readonly CurrentDataset[]): string {
  return list.map((d) => `${d.name}@${d.stamp}`).join('|');
}

/**
 * Ends a replaced snapshot's thread once the requests that hold it are answered: none waiting for it,
 * and 10 s for a page between two of its statements (a minute at most).
 */
function retire(old: Held): void {
  const since = Date.now();
  const tick = setInterval(() => {
    const age = Date.now() - since;
    if ((old.thread.busy > 0 || age < 10_000) && age < 60_000) return;
    clearInterval(tick);
    void old.thread.close();
  }, 1000);
  tick.unref();
}

/** `make`'s promise, made on the first call and kept; a failure is not kept (the next call tries again). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () =>
    (made ??= make().catch((err: unknown) => {
      made = undefined;
      throw err;
    }));
}

async function load(stamp: string, list: CurrentDataset[], listed: Damage[]): Promise<Held> {
  const thread = await Thread.start(threadContext());
  try {
    const { manifest, damaged } = await thread.call('load', { list });
    const all = [...listed, ...damaged];
    logDamage(all);
    const db = new Coordinator(threadConnector(thread));
    // Before these data answer: the first filtered page after a load would otherwise pay for a build.
    await db.buildRollups();
    // Read and gzipped in the thread, as the data's other heavy work.
    const browserCopy = once(() => thread.call('browserCopy', undefined));
    return { db, manifest, damaged: all, stamp, thread, browserCopy };
  } catch (err) {
    await thread.close();
    throw err;
  }
}

/** Starts loading `stamp` in a new thread, after any load in progress; joins it when it is that one. */
function reload(stamp: string, list: CurrentDataset[], listed: Damage[]): Promise<Held> {
  if (loading?.stamp === stamp) return loading.done;
  if (failed?.stamp === stamp && Date.now() - failed.at < RETRY_MS) return Promise.reject(failed.err);
  const before = loading?.done.catch(() => undefined);
  const done = (async () => {
    await before;
    const next = await load(stamp, list, listed);
    const old = serving;
    serving = next;
    if (old) retire(old);
    void next.browserCopy().catch(() => {}); // made while no browser waits for it yet
    return next;
  })();
  const entry = { stamp, done };
  loading = entry;
  done.then(
    () => {
      if (loading === entry) loading = undefined;
    },
    (err: unknown) => {
      if (loading === entry) loading = undefined;
      failed = { stamp, at: Date.now(), err };
      console.error(
        `Vigie: loading the data failed (${err instanceof Error ? err.message : String(err)}); serving the previous data.`
      );
    }
  );
  return done;
}

/**
 * The server's DuckDB with the current data loaded (data/ as version 0, overridden by the store's
 * latest published versions, damaged datasets left out): the same engine and queries as the browser,
 * so the charts rendered on the server are the ones the browser would draw. It lives in a worker
 * thread. When the data change, the new data load in another thread while this one keeps answering:
 * no request waits for a reload, except the very first.
 */
export async function serverEngine(): Promise<Snapshot> {
  const { list, damaged } = await survey();
  const stamp = stampOf(list);
  if (serving?.stamp === stamp) return serving;
  const next = reload(stamp, list, damaged);
  if (!serving) return next;
  next.catch(() => {}); // logged by reload; the previous data keep being served
  return serving;
}

/**
 * The engine with the data as they are on disk now, waiting for their load: after a publish, restore
 * or withdrawal, so that the editor's next page shows what they did.
 */
export async function freshEngine(): Promise<Snapshot> {
  const { list, damaged } = await survey();
  const stamp = stampOf(list);
  if (serving?.stamp === stamp) return serving;
  return reload(stamp, list, damaged);
}
