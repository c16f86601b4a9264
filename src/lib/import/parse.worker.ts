/// <reference lib="webworker" />
// Reading a picked file off the page's thread: detection on its first bytes, the Windows-1252 → UTF-8
// conversion of the whole file, in slices, reporting progress, and a workbook's sheet as CSV. The page
// stays responsive.
import { sniff, type Dialect } from './detect';
import { decode } from './encoding';
import { SNIFF_BYTES } from './limits';

/** Messages the page sends. */
export type WorkerRequest =
  | { type: 'sniff'; file: Blob; overrides: Partial<Dialect> }
  | { type: 'transcode'; file: Blob; encoding: Dialect['encoding'] }
  | { type: 'workbook'; file: Blob; sheet?: string; headerRow?: number };

const SLICE = 4 * 1024 * 1024;

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  try {
    if (msg.type === 'sniff') {
      const head = new Uint8Array(await msg.file.slice(0, SNIFF_BYTES).arrayBuffer());
      self.postMessage({ type: 'sniffed', sniffed: sniff(head, msg.overrides) });
      return;
    }
    if (msg.type === 'workbook') {
      // SheetJS (360 KB minified) is fetched only when a workbook is picked: the CSV path never loads it.
      const { readSheet } = await import('./workbook');
      const table = readSheet(new Uint8Array(await msg.file.arrayBuffer()), { sheet: msg.sheet, headerRow: msg.headerRow });
      self.postMessage({ type: 'workbook', table }, [table.csv.buffer, table.rowNumbers.buffer]);
      return;
    }
    // Slices end on any byte: Windows-1252 is one byte per character, so no character is cut.
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let start = 0; start < msg.file.size; start += SLICE) {
      const bytes = new Uint8Array(await msg.file.slice(start, start + SLICE).arrayBuffer());
      const utf8 = encoder.encode(decode(bytes, msg.encoding));
      parts.push(utf8);
      size += utf8.length;
      self.postMessage({ type: 'progress', done: Math.min(msg.file.size, start + SLICE), total: msg.file.size });
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    self.postMessage({ type: 'bytes', bytes: out }, [out.buffer]);
  } catch (err) {
    // By name, not instanceof: importing the class would grow the worker every CSV loads.
    const code = err instanceof Error && err.name === 'WorkbookError' ? (err as Error & { code: string }).code : undefined;
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), code });
  }
};
