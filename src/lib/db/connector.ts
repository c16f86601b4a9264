import type { AsyncDuckDB, AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import type { Connector } from './types';
import { toRowsPausing } from './rows';
import { statementRunner } from './statements';
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

/** Lets the page's main thread handle what waits (a click) before reading on: see `toRowsPausing`. */
function pause(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** The worker's database as a thin connector: caching, transactions and the index are the coordinator's. */
function wrap(db: AsyncDuckDB, conn: AsyncDuckDBConnection): Connector {
  const run = statementRunner({
    run: (sql) => conn.query(sql),
    prepare: (sql) => conn.prepare(sql),
    runPrepared: (s: AsyncPreparedStatement, params) => s.query(...params),
    close: (s: AsyncPreparedStatement) => s.close()
  });
  return {
    async query<T>(q: Parameters<Connector['query']>[0]): Promise<T[]> {
      return toRowsPausing<T>(await run(q), pause);
    },
    async registerText(name, text) {
      await db.registerFileText(name, text);
    },
    async registerBytes(name, bytes) {
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async readFile(name) {
      return db.copyFileToBuffer(name);
    },
    async insertArrow(table, ipc, create) {
      await conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async registerBlob(name, file) {
      const { DuckDBDataProtocol } = await import('@duckdb/duckdb-wasm');
      await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    }
  };
}
