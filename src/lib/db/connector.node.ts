import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Connector } from './types';
import { toRows } from './rows';
import { statementRunner } from './statements';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

/**
 * Lets the server's event loop run before each statement. The bindings below are synchronous: without
 * this, validating a large publish (dozens of statements, a second each on a million rows) or loading
 * the data again would hold every other request — pages, sign-ins, downloads — until the very end.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const MAGIC = 'ARROW1';

/**
 * The Arrow IPC stream inside an Arrow IPC file, which is what the bindings answer: the file format is
 * its magic (8 bytes with padding), the stream format up to its end-of-stream mark, then a footer, the
 * footer's length (4 bytes) and the magic again (6 bytes). The stream is what an engine can insert.
 */
function streamOf(file: Uint8Array): Uint8Array {
  const text = (from: number) => String.fromCharCode(...file.subarray(from, from + MAGIC.length));
  if (file.length < 18 || text(0) !== MAGIC || text(file.length - MAGIC.length) !== MAGIC) {
    throw new Error('Not an Arrow IPC file');
  }
  const footer = new DataView(file.buffer, file.byteOffset + file.length - 10, 4).getInt32(0, true);
  return file.subarray(8, file.length - 10 - footer);
}

/**
 * DuckDB-wasm in Node, synchronous bindings: the server renders the first charts with it, and the
 * tests run the very same SQL the browser runs. Same engine, same version, same answers. Thin: caching,
 * transactions and the in-memory index are the coordinator's.
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
  type Statement = ReturnType<typeof conn.prepare>;
  const run = statementRunner({
    run: async (sql) => conn.query(sql),
    prepare: async (sql) => conn.prepare(sql),
    runPrepared: async (s: Statement, params) => s.query(...params),
    close: async (s: Statement) => s.close()
  });

  return {
    async query<T>(q: Parameters<Connector['query']>[0]): Promise<T[]> {
      await nextTurn();
      return toRows<T>(await run(q));
    },
    async registerText(name, text) {
      db.registerFileText(name, text);
    },
    async registerBytes(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async readArrow(q) {
      await nextTurn();
      // The engine's own Arrow bytes of the answer, not decoded into rows and encoded again.
      const file = conn.useUnsafe((bindings, id) => {
        if (!q.params?.length) return bindings.runQuery(id, q.sql);
        const statement = bindings.createPrepared(id, q.sql);
        try {
          return bindings.runPrepared(id, statement, [...q.params]);
        } finally {
          bindings.closePrepared(id, statement);
        }
      });
      return streamOf(file);
    },
    async insertArrow(table, ipc, create) {
      await nextTurn();
      conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async readFile(name) {
      // In Node, COPY … TO writes a real file (relative to the working directory): read it, then remove it.
      const bytes = db.copyFileToBuffer(name);
      await rm(name, { force: true });
      return bytes;
    }
  };
}
