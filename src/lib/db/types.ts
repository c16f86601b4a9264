/** A value bound to a `?` placeholder of a prepared statement. */
export type Param = string | number | boolean | null;

/** One SQL statement and the values bound to its `?` placeholders, in order. */
export interface SqlQuery {
  /** The statement text; never contains user data, only `?` placeholders. */
  sql: string;
  /** Values for the placeholders; bound by the engine, never pasted into `sql`. */
  params?: readonly Param[];
  /**
   * Derived tables the statement reads that are built when first asked for (the coarser rollups): the
   * coordinator builds them before running it. Connectors ignore it.
   */
  needs?: readonly string[];
}

/**
 * Whether a statement only reads. Prepared statements are kept for reads only, and dropped whenever
 * anything else runs: a kept plan over a table that was replaced since crashes the wasm engine.
 */
export function isRead(sql: string): boolean {
  return /^\s*(SELECT|WITH|FROM)\b/i.test(sql);
}

/** A plain row: BigInts become numbers, dates should be cast to text in SQL. */
export type Row = Record<string, string | number | boolean | null>;

/**
 * A thin door to one DuckDB database, in a browser worker or in Node: runs statements and registers
 * files, nothing more. Caching, transactions, the in-memory index and who answers are the
 * coordinator's (`src/lib/coordinator`), which is itself a Connector over one of these.
 */
export interface Connector {
  /** Runs one statement and returns its rows as plain objects. */
  query<T = Row>(q: SqlQuery): Promise<T[]>;
  /** Makes `text` readable by `read_csv('name')`. Re-registering a name replaces it. */
  registerText(name: string, text: string): Promise<void>;
  /** Makes `bytes` readable by `read_csv('name')` without decoding them in JavaScript. */
  registerBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Forgets a registered file. */
  dropFile(name: string): Promise<void>;
  /** Reads back a file the engine wrote (`COPY … TO 'name'`). */
  readFile(name: string): Promise<Uint8Array>;
  /**
   * Browser only: lets the engine read a picked file itself, in its worker, without copying it
   * through the page (the fast path for large UTF-8 files).
   */
  registerBlob?(name: string, file: Blob): Promise<void>;
  /** Node only: a read's rows as an Arrow IPC stream, typed as the engine holds them. */
  readArrow?(q: SqlQuery): Promise<Uint8Array>;
  /** Adds an Arrow IPC stream's rows to `table`, or creates `table` from them (`create`). */
  insertArrow?(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
}
