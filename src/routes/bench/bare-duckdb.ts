// The bench's floors start DuckDB as bare as it comes: the same eh bundle (wasm, worker, library chunk)
// the app uses, with nothing of the app's around it.
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/** A DuckDB-wasm instantiated and connected, with its library (for its protocols and types). */
export async function bareDuckdb() {
  const duckdb = await import('@duckdb/duckdb-wasm');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(workerUrl));
  await db.instantiate(wasmUrl);
  return { duckdb, db, conn: await db.connect() };
}
