import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Ops } from './entry';

/** What a worker thread is given when it starts: the folders it reads, as the server resolved them. */
export interface ThreadContext {
  /** The store folder (`VIGIE_STORE_DIR`). */
  root: string;
  /** The data folder (`VIGIE_DATA_DIR`). */
  dataDir: string;
}

/** A failure inside the thread, with the message and code it had there. */
export class ThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly kind: string
  ) {
    super(message);
  }
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string; kind: string };

/**
 * The worker entry's URL. Built (adapter-node), `entry.ts` is a chunk of its own — it is imported
 * dynamically — and its `import.meta.url` names that chunk: the thread runs the very file the server
 * bundled. From the sources (Vitest, `vite dev`, where Node cannot run TypeScript), a small script
 * loads it through Vite's module runner instead.
 */
async function entryScript(): Promise<{ url: URL; entry: string | null }> {
  const { ENTRY_URL } = await import('./entry');
  if (!ENTRY_URL.endsWith('.ts')) return { url: new URL(ENTRY_URL), entry: null };
  const source = fileURLToPath(ENTRY_URL);
  const root = source.slice(0, source.lastIndexOf('/src/lib/'));
  return { url: pathToFileURL(`${root}/scripts/thread-dev.mjs`), entry: source };
}

/**
 * A worker thread that runs Vigie's heavy work — a DuckDB loading a million rows, a publish's
 * validation — off the event loop that answers requests. Calls are messages; each returns a promise.
 */
export class Thread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #next = 0;
  #exited: Error | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new ThreadError(reply.message, reply.code, reply.kind));
    });
    const fail = (err: Error) => {
      this.#exited ??= err;
      for (const w of this.#pending.values()) w.reject(err);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new ThreadError(`worker thread exited (${code})`, 'exited', 'Error')));
    // An idle thread must not keep the process alive (tests, `npm run user`).
    worker.unref();
  }

  /** Starts a thread; resolves once it can take calls. */
  static async start(context: ThreadContext): Promise<Thread> {
    const { url, entry } = await entryScript();
    const worker = new Worker(url, { workerData: { context, entry } });
    const thread = new Thread(worker);
    await thread.call('ready', undefined);
    return thread;
  }

  /** Runs `op` in the thread. */
  call<K extends keyof Ops>(
    op: K,
    payload: Parameters<Ops[K]>[0],
    transfer: ArrayBuffer[] = []
  ): Promise<Awaited<ReturnType<Ops[K]>>> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.ref(); // keeps the process up while an answer is awaited
      this.#worker.postMessage({ id, op, payload }, transfer);
    }).finally(() => {
      if (this.#pending.size === 0) this.#worker.unref();
    }) as Promise<Awaited<ReturnType<Ops[K]>>>;
  }

  /** Whether the thread still runs (it has neither exited nor thrown outside a call). */
  get alive(): boolean {
    return this.#exited === null;
  }

  /** Calls waiting for an answer. */
  get busy(): number {
    return this.#pending.size;
  }

  /** Ends the thread (and whatever it holds: its DuckDB, its memory). */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
