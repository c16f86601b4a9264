import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { connectNode } from '$lib/db/connector.node';
import type { Connector, SqlQuery } from '$lib/db/types';
import { computeChanges, type ChangeJob } from '../changes-job';
import type { CurrentDataset } from '../current';
import { loadCurrent } from '../load';
import { gzippedSnapshot } from '../snapshot';
import { createServices, useServices } from '../services';
import { validatePublish, type ValidateJob } from '../validate';
import type { ThreadContext } from './thread';

/** This module's URL, for the main thread to start a worker on it (see thread.ts). */
export const ENTRY_URL = import.meta.url;

let engine: Connector | undefined;

function loaded(): Connector {
  if (!engine) throw new Error('No data loaded in this thread');
  return engine;
}

/** What a worker thread can be asked; each takes one message and answers one. */
const ops = {
  /** Answers once the thread has started. */
  ready: async (_: undefined) => true,
  /** Loads the current datasets into this thread's DuckDB (damaged ones left out); then it answers queries. */
  load: async ({ list }: { list: CurrentDataset[] }) => {
    engine ??= await connectNode();
    return loadCurrent(engine, list);
  },
  /** One statement on this thread's DuckDB. */
  query: async (q: SqlQuery) => loaded().query(q),
  /** This thread's tables as a browser's engine starts from them, gzipped (server/snapshot.ts). */
  browserCopy: async (_: undefined) => gzippedSnapshot(loaded()),
  /** Validates a publish on a DuckDB of its own. */
  validate: (job: ValidateJob) => validatePublish(job),
  /** What changed between two versions of a dataset. */
  changes: (job: ChangeJob) => computeChanges(job)
};

/** The operations, for the main side's types. */
export type Ops = typeof ops;

if (!isMainThread && parentPort && (workerData as { context?: ThreadContext } | null)?.context) {
  const { root, dataDir } = (workerData as { context: ThreadContext }).context;
  process.env.VIGIE_DATA_DIR = dataDir;
  useServices(createServices(root));
  const port = parentPort;
  port.on('message', async ({ id, op, payload }: { id: number; op: keyof Ops; payload: never }) => {
    try {
      port.postMessage({ id, ok: true, value: await (ops[op] as (p: never) => Promise<unknown>)(payload) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id, ok: false, message: e.message, code: (e as { code?: string }).code, kind: e.constructor.name });
    }
  });
}
