import type { Row } from './types';

/** A batch of an Arrow table: its columns, each with a getter specialised to its type. */
interface BatchLike {
  readonly numRows: number;
  getChildAt(index: number): { get(index: number): unknown } | null;
}

/** What `toRows` reads of an Arrow table. */
interface ArrowLike {
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  readonly batches: readonly BatchLike[];
}

/**
 * Arrow result → plain rows: BigInt (COUNT, SUM of integers) to number, so rows survive JSON and SSR.
 * Read batch by batch and column by column: a batch's column reads a cell with the reader of its type
 * chosen once, where a row's `toJSON` looks that reader up again for each cell, and a column of the
 * whole table first searches which batch holds the row. The values are the same: both read a cell
 * with Arrow's own reader for its type, nulls as null.
 */
export function toRows<T>(table: ArrowLike): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const rows: T[] = [];
  for (const batch of table.batches) readBatch(batch, names, rows);
  return rows;
}

/** Rows read between two pauses of `toRowsPausing`: a few milliseconds of the page's main thread. */
const ROWS_PER_TASK = 2048;

/**
 * `toRows` for the page's main thread: a large result is read in tasks of a few thousand rows, with a
 * `pause` between them (the browser handles a click there). The overview's index (35 000 rows) is read
 * as the engine becomes ready; read at once, it held the main thread for 0.1–0.3 s, and a region chosen
 * then was drawn that much later. A result of fewer rows is read at once, as by `toRows`.
 */
export async function toRowsPausing<T>(table: ArrowLike, pause: () => Promise<void>): Promise<T[]> {
  const names = table.schema.fields.map((f) => f.name);
  const rows: T[] = [];
  let sincePause = 0;
  for (const batch of table.batches) {
    if (sincePause >= ROWS_PER_TASK) {
      await pause();
      sincePause = 0;
    }
    readBatch(batch, names, rows);
    sincePause += batch.numRows;
  }
  return rows;
}

function readBatch<T>(batch: BatchLike, names: readonly string[], rows: T[]): void {
  const columns = names.map((_, j) => batch.getChildAt(j)!);
  const n = batch.numRows;
  for (let i = 0; i < n; i++) {
    const out: Row = {};
    for (let j = 0; j < names.length; j++) {
      const v = columns[j]!.get(i);
      out[names[j]!] = typeof v === 'bigint' ? Number(v) : (v as Row[string]);
    }
    rows.push(out as T);
  }
}
