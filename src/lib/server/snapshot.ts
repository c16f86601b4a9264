import type { Connector } from '$lib/db/types';
import { snapshotParts } from '$lib/engine/snapshot';
import { encodePart } from '$lib/engine/snapshot-parts';

/**
 * The snapshot of an engine's tables (engine/snapshot.ts) as gzip, in the chunks the compression
 * gave: made part by part, so that a million rows are never all in the server's memory uncompressed;
 * kept with the engine it describes (1.1 MB at 100 000 observations, 5.7 MB at a million), for every
 * browser that asks.
 */
export async function gzippedSnapshot(db: Connector): Promise<Uint8Array[]> {
  const parts = snapshotParts(db);
  const encoded = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(encodePart(next.value));
    },
    async cancel() {
      await parts.return(undefined); // the compression failed: its dictionaries are dropped
    }
  });
  const chunks: Uint8Array[] = [];
  for await (const chunk of encoded.pipeThrough(new CompressionStream('gzip'))) chunks.push(chunk);
  return chunks;
}

/** Kept chunks as a response body; inflated for a client that does not accept gzip. */
export function snapshotBody(chunks: readonly Uint8Array[], gzip: boolean): ReadableStream<Uint8Array> {
  let i = 0;
  const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++] as Uint8Array<ArrayBuffer>);
      else controller.close();
    }
  });
  return gzip ? body : body.pipeThrough(new DecompressionStream('gzip'));
}
