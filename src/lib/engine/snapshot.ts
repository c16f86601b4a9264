import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Connector } from '$lib/db/types';
import { databaseQueries, schemaQueries } from '$lib/queries/datasets';
import { dropTableQuery, snapshotTablesQuery, summaryTableNames, tableEndQuery, tablePartQuery } from '$lib/queries/snapshot';
import { mark } from './load';
import { PART_ROWS, type SnapshotPart } from './snapshot-parts';

/** Where a snapshot's parts are read: the server's engine, in its thread (server/engine.ts). */
export interface SnapshotSource {
  /** The tables to send, each with where its row numbers end. */
  tables(): Promise<{ table: string; end: number }[]>;
  /** At most `rows` rows of `table` from the row number `from`, as Arrow IPC. */
  part(table: string, from: number, rows: number): Promise<Uint8Array>;
}

/** An engine that reads Arrow (Node's) as the source of its snapshot. */
export function snapshotSource(db: Connector): SnapshotSource {
  const readArrow = db.readArrow?.bind(db);
  if (!readArrow) throw new Error('This engine cannot give its rows as Arrow');
  return {
    async tables() {
      const out: { table: string; end: number }[] = [];
      for (const { name } of await db.query<{ name: string }>(snapshotTablesQuery())) {
        out.push({ table: name, end: (await db.query<{ end: number }>(tableEndQuery(name)))[0]!.end });
      }
      return out;
    },
    part: (table, from, rows) => readArrow(tablePartQuery(table, from, rows))
  };
}

/**
 * The snapshot's parts, each read when the one before it has been taken (a million rows are never
 * all in memory at once); a table with no row gives one part, for its columns.
 */
export async function* snapshotParts(source: SnapshotSource, rows = PART_ROWS): AsyncGenerator<SnapshotPart> {
  for (const { table, end } of await source.tables()) {
    for (let from = 0; from === 0 || from < end; from += rows) yield { table, ipc: await source.part(table, from, rows) };
  }
}

/**
 * Compressed (a checkpoint) each time about this many bytes of Arrow have been inserted: until then
 * DuckDB holds the rows as they came, and the wasm engine never gives memory back. At a million rows
 * the engine's memory grew to 253 MB without it, and to 102 MB with it (Node, the same wasm).
 */
export const COMPRESS_EVERY_BYTES = 32 * 1024 * 1024;

/**
 * Fills an engine that holds no table yet with the server engine's tables (queries/snapshot.ts): every
 * file's rows typed, what hides rows, the catalogue and the summaries, as the server's engine holds
 * them. The same engine built them from the same files with the same statements; the browser neither
 * reads the CSV files again nor derives the tables again. A snapshot that breaks off leaves the engine
 * as it was (the tables it made are dropped), and the caller loads the files instead. The macros and
 * views (for the pages' reads and for imports) are made after, with the tables' compression, as a
 * build that reads wait for (`Coordinator.after`, `settled()`): planning them is most of a cold
 * engine's set-up.
 */
export async function restoreSnapshot(
  db: Coordinator,
  parts: AsyncIterable<SnapshotPart>,
  compressEvery = COMPRESS_EVERY_BYTES
): Promise<void> {
  for (const q of databaseQueries()) await db.query(q);
  const made: string[] = [];
  const summaries = new Set(summaryTableNames());
  let rowsIn = false;
  // The rows are in (`vigie:load:ready`) when the summaries start, as in a load of the files.
  const rowsAreIn = () => {
    if (!rowsIn) mark('ready');
    rowsIn = true;
  };
  try {
    let since = 0;
    for await (const { table, ipc } of parts) {
      if (summaries.has(table)) rowsAreIn();
      // Made by its first part; an engine that holds that table already refuses it (`create`).
      const create = !made.includes(table);
      // Counted before the insert: the browser's worker takes the bytes (transferred, then empty here).
      since += ipc.length;
      await db.insertArrow(table, ipc, create);
      if (create) made.push(table);
      if (since >= compressEvery) {
        await db.compress();
        since = 0;
      }
    }
  } catch (err) {
    for (const table of made.reverse()) await db.query(dropTableQuery(table)).catch(() => {});
    throw err;
  }
  rowsAreIn();
  void db
    .after(async () => {
      for (const q of schemaQueries()) await db.query(q);
    })
    .catch(() => {}); // its failure reaches `settled()`
}
