import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { MAX_IMPORT_BYTES } from '$lib/import/limits';
import { MAX_UPLOAD_BYTES } from './bodies';
import { StoreWriteError, tempDir, tempPath, writeRefusal, writing } from './fsio';

/** A publish form as received: the file on disk, in a temporary file of the store, and the other fields. */
export interface Upload {
  /** The temporary file holding the file's bytes as they arrived (remove it with `discard`). */
  path: string;
  /** The name the browser gave the file. */
  fileName: string;
  /** The content type the browser gave the file. */
  type: string;
  size: number;
  /** The `decisions` field's text, or null. */
  decisions: string | null;
}

/** Why a publish form could not be received; `status` is the HTTP status to answer with. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'too_large' | 'no_file' | 'unreadable' | 'not_multipart'
  ) {
    super(code);
  }
}

/** The decisions are JSON of a few fields and, at most, one label per row of a wide file: 1 MiB is plenty. */
const FIELD_BYTES = 1024 * 1024;

/** Counts the bytes going through, and fails past `limit` (a chunked body announces no length). */
function capped(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new UploadError(413, 'too_large') : null, chunk);
    }
  });
}

/**
 * Receives a multipart publish form as it streams in: the `file` part goes straight to a temporary
 * file of the store (never whole in memory, whatever its format), the `decisions` field is kept as
 * text. Refuses a body or a file past the import limit (413), a form without a file (400) or one that
 * cannot be read (400); nothing is left on disk then. `limits`: the body's and the file's, for tests.
 */
export async function receiveUpload(
  request: Request,
  root: string,
  limits: { maxBody?: number; maxFile?: number } = {}
): Promise<Upload> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data') || !request.body) throw new UploadError(415, 'not_multipart');
  await writing(tempDir(root), () => mkdir(tempDir(root), { recursive: true }));
  const path = tempPath(root, 'upload');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      limits: { files: 1, fileSize: limits.maxFile ?? MAX_IMPORT_BYTES, fields: 10, fieldSize: FIELD_BYTES, parts: 12 }
    });
  } catch {
    throw new UploadError(400, 'unreadable'); // no boundary
  }
  let file: Omit<Upload, 'decisions' | 'path'> | null = null;
  let decisions: string | null = null;
  let problem: UploadError | null = null;
  const writes: Promise<void>[] = [];
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || file) {
      stream.resume();
      return;
    }
    const received = { fileName: info.filename ?? '', type: info.mimeType ?? '', size: 0 };
    file = received;
    stream.on('data', (chunk: Buffer) => (received.size += chunk.length));
    stream.on('limit', () => (problem = new UploadError(413, 'too_large')));
    writes.push(pipeline(stream, createWriteStream(path, { mode: 0o600 })));
  });
  parser.on('field', (name, value, info) => {
    if (name !== 'decisions') return;
    if (info.valueTruncated) problem = new UploadError(413, 'too_large');
    decisions = value;
  });
  try {
    await pipeline(Readable.fromWeb(request.body as never), capped(limits.maxBody ?? MAX_UPLOAD_BYTES), parser);
    await Promise.all(writes);
    if (problem) throw problem;
    if (!file) throw new UploadError(400, 'no_file');
    return { path, decisions, ...(file as Omit<Upload, 'decisions' | 'path'>) };
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof UploadError) throw err;
    const refused = writeRefusal(err, path);
    if (refused instanceof StoreWriteError) throw refused;
    if (problem) throw problem;
    throw new UploadError(400, 'unreadable');
  }
}

/** Removes an upload's temporary file. */
export async function discard(upload: Upload): Promise<void> {
  await rm(upload.path, { force: true });
}

/** The first `limit` bytes of an upload (all of it when it is shorter): enough to tell its kind. */
export async function uploadHead(upload: Upload, limit: number): Promise<Uint8Array> {
  const file = await open(upload.path, 'r');
  try {
    const head = new Uint8Array(Math.min(limit, upload.size));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
