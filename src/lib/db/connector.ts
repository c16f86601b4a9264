import type { AsyncDuckDB, AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import { isRead, type Connector, type SqlQuery } from './types';
import { ReadCache } from './cache';
import { toRows } from './rows';
// The app serves the wasm and its worker itself: no CDN, works with the network off.
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

let ready: Promise<Connector> | undefined;

/** The browser's DuckDB, started once on first use: two charts asking at once start one engine. */
export function connect(): Promise<Connector> {
  ready ??= start().catch((err: unknown) => {
    ready = undefined; // a failed start (e.g. offline before the wasm was cached) may be retried
    throw err;
  });
  return ready;
}

/** Whether the engine has been asked for already (started or starting). */
export function isStarted(): boolean {
  return ready !== undefined;
}

async function start(): Promise<Connector> {
  performance.mark('vigie:duckdb:start'); // `npm run bench` reads the vigie:duckdb:* marks
  const worker = new Worker(workerUrl); // its script downloads while the library's chunk loads
  const duckdb = await import('@duckdb/duckdb-wasm');
  const db: AsyncDuckDB = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(wasmUrl);
  const conn: AsyncDuckDBConnection = await db.connect();
  performance.mark('vigie:duckdb:connected');
  return wrap(db, conn);
}

function wrap(db: AsyncDuckDB, conn: AsyncDuckDBConnection): Connector {
  // Prepared once per statement text: filters change values, not SQL, so the plans are reused.
  const prepared = new Map<string, Promise<AsyncPreparedStatement>>();
  const cache = new ReadCache();
  return {
    async query<T>({ sql, params = [] }: SqlQuery): Promise<T[]> {
      if (!isRead(sql)) {
        cache.clear();
        const stale = [...prepared.values()];
        prepared.clear();
        await Promise.all(stale.map((s) => s.then((st) => st.close()).catch(() => {})));
        if (params.length === 0) return toRows<T>(await conn.query(sql));
        const once = await conn.prepare(sql);
        try {
          return toRows<T>(await once.query(...params));
        } finally {
          await once.close();
        }
      }
      if (params.length === 0) return cache.read({ sql }, async () => toRows<T>(await conn.query(sql)));
      let stmt = prepared.get(sql);
      if (!stmt) {
        stmt = conn.prepare(sql);
        prepared.set(sql, stmt);
        stmt.catch(() => prepared.delete(sql));
      }
      return toRows<T>(await (await stmt).query(...params));
    },
    get generation() {
      return cache.generation;
    },
    async registerText(name, text) {
      cache.clear();
      await db.registerFileText(name, text);
    },
    async registerBytes(name, bytes) {
      cache.clear();
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      cache.clear();
      await db.dropFile(name);
    },
    async readFile(name) {
      return db.copyFileToBuffer(name);
    },
    async registerBlob(name, file) {
      cache.clear();
      const { DuckDBDataProtocol } = await import('@duckdb/duckdb-wasm');
      await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    }
  };
}
