import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isRead, type Connector, type SqlQuery } from './types';
import { ReadCache } from './cache';
import { toRows } from './rows';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

/**
 * Lets the server's event loop run before each statement. The bindings below are synchronous: without
 * this, validating a large publish (dozens of statements, a second each on a million rows) or loading
 * the data again would hold every other request — pages, sign-ins, downloads — until the very end.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * DuckDB-wasm in Node, synchronous bindings: the server renders the first charts with it, and the
 * tests run the very same SQL the browser runs. Same engine, same version, same answers.
 */
export async function connectNode(): Promise<Connector> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(entry) as Blocking;
  const dist = dirname(entry);
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') }
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME
  );
  await db.instantiate();
  const conn = db.connect();
  const prepared = new Map<string, ReturnType<typeof conn.prepare>>();
  const cache = new ReadCache();

  return {
    async query<T>({ sql, params = [] }: SqlQuery): Promise<T[]> {
      await nextTurn();
      if (!isRead(sql)) {
        cache.clear();
        for (const stmt of prepared.values()) stmt.close();
        prepared.clear();
        if (params.length === 0) return toRows<T>(conn.query(sql));
        const once = conn.prepare(sql);
        try {
          return toRows<T>(once.query(...params));
        } finally {
          once.close();
        }
      }
      if (params.length === 0) return cache.read({ sql }, async () => toRows<T>(conn.query(sql)));
      let stmt = prepared.get(sql);
      if (!stmt) {
        stmt = conn.prepare(sql);
        prepared.set(sql, stmt);
      }
      return toRows<T>(stmt.query(...params));
    },
    get generation() {
      return cache.generation;
    },
    async registerText(name, text) {
      cache.clear();
      db.registerFileText(name, text);
    },
    async registerBytes(name, bytes) {
      cache.clear();
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      cache.clear();
      db.dropFile(name);
    },
    async readFile(name) {
      // In Node, COPY … TO writes a real file (relative to the working directory): read it, then remove it.
      const bytes = db.copyFileToBuffer(name);
      await rm(name, { force: true });
      return bytes;
    }
  };
}
