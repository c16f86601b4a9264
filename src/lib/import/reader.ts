import type { Connector } from '$lib/db/types';
import type { Dialect, Sniffed } from './detect';
import ParseWorker from './parse.worker?worker';
import type { ReadSheetOptions, SheetTable } from './workbook';
import { WorkbookError, type WorkbookProblem } from './workbook-kind';

/** Progress of a long step, in bytes. */
export type OnProgress = (done: number, total: number) => void;

/** Runs one request on a fresh worker; aborting terminates it at once (the cancel button). */
function ask<T>(request: unknown, signal: AbortSignal | undefined, onProgress?: OnProgress): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new ParseWorker();
    const stop = () => {
      worker.terminate();
      reject(new DOMException('Import cancelled', 'AbortError'));
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (e: MessageEvent) => {
      const msg = e.data as {
        type: string;
        done?: number;
        total?: number;
        message?: string;
        code?: WorkbookProblem;
        [k: string]: unknown;
      };
      if (msg.type === 'progress') return onProgress?.(msg.done!, msg.total!);
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      if (msg.type === 'error') reject(msg.code ? new WorkbookError(msg.code, msg.message) : new Error(msg.message));
      else resolve((msg.type === 'sniffed' ? msg.sniffed : msg.type === 'workbook' ? msg.table : msg.bytes) as T);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage(request);
  });
}

/** Detects a file's encoding, delimiter, header, decimal mark and layout from its first bytes. */
export function sniffFile(file: File, overrides: Partial<Dialect> = {}, signal?: AbortSignal): Promise<Sniffed> {
  return ask({ type: 'sniff', file, overrides }, signal);
}

/** The whole file as UTF-8 bytes (for Windows-1252 files; UTF-8 files are handed to DuckDB as they are). */
export function transcodeFile(
  file: Blob,
  encoding: Dialect['encoding'],
  onProgress: OnProgress,
  signal?: AbortSignal
): Promise<Uint8Array> {
  return ask({ type: 'transcode', file, encoding }, signal, onProgress);
}

/**
 * One sheet of an .xlsx, .xls or .ods as a table (CSV bytes, header, where each value came from), read in
 * the parsing worker. Rejects with a `WorkbookError` (its `code`) for a workbook it refuses.
 */
export function readWorkbook(file: Blob, options: ReadSheetOptions = {}, signal?: AbortSignal): Promise<SheetTable> {
  return ask({ type: 'workbook', file, ...options }, signal);
}

/**
 * Hands a file to the engine under `name`, as the UTF-8 its CSV reader expects: a UTF-8 file as it is
 * (the engine's worker reads it itself, nothing is copied here), another encoding converted first in the
 * parsing worker (`onTranscoding` says so, `onProgress` follows it).
 */
export async function registerFile(
  db: Connector,
  name: string,
  file: Blob,
  encoding: Dialect['encoding'],
  options: { onTranscoding?: () => void; onProgress?: OnProgress; signal?: AbortSignal } = {}
): Promise<void> {
  if (encoding === 'utf-8' && db.registerBlob) return db.registerBlob(name, file);
  options.onTranscoding?.();
  await db.registerBytes(name, await transcodeFile(file, encoding, options.onProgress ?? (() => {}), options.signal));
}
