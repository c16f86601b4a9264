/**
 * How a snapshot of an engine's tables travels from the server to a browser (engine/snapshot.ts): a
 * sequence of parts, each a table's name and some of its rows as an Arrow IPC stream, each preceded by
 * the lengths of both and how many rows it holds at most. A table's parts come one after another, in the order of its rows; a table with
 * no row still sends one part, which carries its columns.
 */
export interface SnapshotPart {
  table: string;
  /** At most this many rows (the part's share of the table's row numbers). */
  rows: number;
  /** Rows as an Arrow IPC stream (schema, record batches, end of stream). */
  ipc: Uint8Array;
}

/** At most this many rows in a part: the browser's engine holds one part's Arrow copy at a time. */
export const PART_ROWS = 122_880; // one DuckDB row group

/** What precedes each part's name: the name's length, the IPC's length, the rows (32-bit little-endian). */
const HEAD = 12;

/** The bytes of one part: its head (`HEAD`), name (UTF-8), IPC. */
export function encodePart({ table, rows, ipc }: SnapshotPart): Uint8Array<ArrayBuffer> {
  const name = new TextEncoder().encode(table);
  const out = new Uint8Array(HEAD + name.length + ipc.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, name.length, true);
  view.setUint32(4, ipc.length, true);
  view.setUint32(8, rows, true);
  out.set(name, HEAD);
  out.set(ipc, HEAD + name.length);
  return out;
}

/** Bytes received and not read yet, kept as the chunks they came in (joined once, when read). */
class Pending {
  #chunks: Uint8Array[] = [];
  length = 0;

  push(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first `n` bytes, removed. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const chunk = this.#chunks[0]!;
      const used = Math.min(chunk.length, n - at);
      out.set(chunk.subarray(0, used), at);
      at += used;
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
    }
    this.length -= n;
    return out;
  }

  /** The first `n` bytes, left in place. */
  peek(n: number): Uint8Array {
    const head = this.take(n);
    this.#chunks.unshift(head);
    this.length += n;
    return head;
  }
}

/**
 * The parts of a snapshot as its bytes arrive: each part as soon as it is whole. A stream that ends
 * inside a part is an error (the connection broke): what came before it is not a whole snapshot.
 */
export async function* readParts(body: ReadableStream<Uint8Array>): AsyncGenerator<SnapshotPart> {
  const reader = body.getReader();
  const pending = new Pending();
  try {
    for (;;) {
      if (pending.length >= HEAD) {
        const head = new DataView(pending.peek(HEAD).buffer);
        const nameLength = head.getUint32(0, true);
        const ipcLength = head.getUint32(4, true);
        if (pending.length >= HEAD + nameLength + ipcLength) {
          pending.take(HEAD);
          const table = new TextDecoder().decode(pending.take(nameLength));
          yield { table, rows: head.getUint32(8, true), ipc: pending.take(ipcLength) };
          continue;
        }
      }
      const { done, value } = await reader.read();
      if (done) {
        if (pending.length) throw new Error('The snapshot ended inside a part');
        return;
      }
      pending.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/** Which data a snapshot holds: its datasets' names and versions, as the manifest lists them. */
export function manifestKey(manifest: readonly { name: string; version: string }[]): string {
  return manifest.map((e) => `${e.name}@${e.version}`).join('|');
}

/** Where the server sends the snapshot of the data `manifest` lists (a 409 when it holds others now). */
export function snapshotUrl(manifest: readonly { name: string; version: string }[]): string {
  return `/api/snapshot?key=${encodeURIComponent(manifestKey(manifest))}`;
}

/** The snapshot's media type (the server compresses it when the browser accepts gzip). */
export const SNAPSHOT_TYPE = 'application/vnd.vigie.snapshot';
