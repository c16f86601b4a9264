import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Readable, Transform } from 'node:stream';

/** A file's content as a web stream, with its size (a response's `content-length`). */
export interface SizedStream {
  body: ReadableStream<Uint8Array>;
  size: number;
}

/** The SHA-256 of some bytes, in hex: a stored version's name and check. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Holds each chunk back until the next one, and the last until the whole content's SHA-256 is known:
 * a content that does not match never reaches its reader whole (it fails with `mismatch()` instead),
 * even when only a byte changed and the reader already has every other one.
 */
function checked(expected: string, mismatch: () => Error): Transform {
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      done(null, previous ?? undefined);
    },
    flush(done) {
      if (hash.digest('hex') !== expected) return done(mismatch());
      done(null, held ?? undefined);
    }
  });
}

/**
 * A file read as a stream, so that sending it holds no copy of it in memory (82 MB at 1 M
 * observations, once per download under way), and checked against `sha256` as it is read when given.
 * Throws at once when the file cannot be opened (missing), before anything is sent.
 */
export async function fileStream(path: string, check?: { sha256: string; mismatch: () => Error }): Promise<SizedStream> {
  const { size } = await stat(path);
  const file = createReadStream(path);
  await new Promise<void>((opened, failed) => file.once('open', () => opened()).once('error', failed));
  // A pipeline destroys both streams when either ends early (a read error, the download abandoned).
  const source = check ? pipeline(file, checked(check.sha256, check.mismatch), () => {}) : file;
  return { body: pulled(source), size };
}

/**
 * A Node stream as a web stream read only as fast as its reader asks (a slow connection holds one
 * chunk, not the file): Node 20's `Readable.toWeb` reads ahead without bound.
 */
function pulled(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel(reason) {
        source.destroy(reason instanceof Error ? reason : undefined);
      }
    },
    { highWaterMark: 1 }
  );
}
