import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Connector } from '$lib/db/types';
import { databaseQueries, schemaQueries } from '$lib/queries/datasets';
import {
  distinctValuesQuery,
  dictionaryTypeQuery,
  dropTableQuery,
  dropTypeQuery,
  snapshotTablesQuery,
  summaryTableNames,
  tableColumnsQuery,
  tableEndQuery,
  tablePartQuery,
  type PartColumn
} from '$lib/queries/snapshot';
import { mark } from './load';
import { PART_ROWS, type SnapshotPart } from './snapshot-parts';

/** A table a snapshot sends: where its row numbers end, and how each of its columns is read. */
interface SnapshotTable {
  table: string;
  end: number;
  columns: PartColumn[];
}

/**
 * A text column is sent as a dictionary when it holds at most this many different values, and at most
 * a quarter as many as rows: the dictionary travels with each part.
 */
const DICTIONARY_VALUES = 10_000;

/** Names this engine's dictionaries apart from those of another snapshot being made. */
let snapshotsMade = 0;

/**
 * Lists how `table`'s columns are read, into its `columns` as each is ready (a failure leaves there the
 * dictionaries made so far, to be dropped): a text column with few different values as a dictionary.
 */
async function readColumns(db: Connector, table: SnapshotTable, prefix: string): Promise<void> {
  const columns = await db.query<{ name: string; text: boolean }>(tableColumnsQuery(table.table));
  const text = columns.filter((c) => c.text).map((c) => c.name);
  const counts = text.length ? (await db.query<Record<string, number>>(distinctValuesQuery(table.table, text)))[0]! : {};
  for (const { name } of columns) {
    const i = text.indexOf(name);
    const values = i < 0 ? Infinity : counts[`v${i}`]!;
    const few = values > 0 && values <= DICTIONARY_VALUES && values * 4 <= counts.rows!;
    const dictionary = few ? `${prefix}_${table.columns.length}` : null;
    if (dictionary) await db.query(dictionaryTypeQuery(dictionary, table.table, name));
    table.columns.push({ name, dictionary });
  }
}

/** Lists the tables a snapshot sends into `tables`, each as soon as it is known (see `readColumns`). */
async function readTables(db: Connector, tables: SnapshotTable[]): Promise<void> {
  const snapshot = `vigie_snapshot_${++snapshotsMade}`;
  for (const [i, { name }] of (await db.query<{ name: string }>(snapshotTablesQuery())).entries()) {
    const end = (await db.query<{ end: number }>(tableEndQuery(name)))[0]!.end;
    const table: SnapshotTable = { table: name, end, columns: [] };
    tables.push(table);
    await readColumns(db, table, `${snapshot}_${i}`);
  }
}

/**
 * The snapshot of an engine that reads Arrow (Node's: the server engine, in its thread) as parts, each
 * read when the one before it has been taken (a million rows are never all in memory at once); a table
 * with no row gives one part, for its columns. The dictionaries are dropped once it is read, or stopped.
 */
export async function* snapshotParts(db: Connector, rows = PART_ROWS): AsyncGenerator<SnapshotPart> {
  const readArrow = db.readArrow?.bind(db);
  if (!readArrow) throw new Error('This engine cannot give its rows as Arrow');
  const tables: SnapshotTable[] = [];
  try {
    await readTables(db, tables);
    for (const { table, end, columns } of tables) {
      for (let from = 0; from === 0 || from < end; from += rows) {
        const ipc = await readArrow(tablePartQuery(table, columns, from, rows));
        yield { table, rows: Math.max(0, Math.min(rows, end - from)), ipc };
      }
    }
  } finally {
    for (const { columns } of tables)
      for (const { dictionary } of columns) if (dictionary) await db.query(dropTypeQuery(dictionary));
  }
}

/**
 * Compressed (a checkpoint) each time about this many rows have been inserted (two row groups): until
 * then DuckDB holds the rows as they came, and the wasm engine never gives memory back. At a million
 * rows the engine's memory grew to 253 MB without it, and to 102 MB with it.
 */
export const COMPRESS_EVERY_ROWS = 2 * PART_ROWS;

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
  compressEvery = COMPRESS_EVERY_ROWS
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
    for await (const { table, rows, ipc } of parts) {
      if (summaries.has(table)) rowsAreIn();
      // Made by its first part; an engine that holds that table already refuses it (`create`).
      const create = !made.includes(table);
      await db.insertArrow(table, ipc, create); // the browser's worker takes the bytes (then empty here)
      since += rows;
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
