// The zip container of .xlsx and .ods files, read from its central directory only: what each entry says
// it holds, before anything is inflated. Layout: PKWARE APPNOTE 6.3.10, §4.3.
const EOCD = 0x06054b50; // end of central directory record
const CENTRAL = 0x02014b50; // central directory file header
const LOCAL = 0x04034b50; // local file header
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const DATA_DESCRIPTOR = 0x0008; // general purpose flag bit 3: sizes follow the data, zero in the local header

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  /** General purpose bit flags. */
  flags: number;
  /** Compressed size in bytes. */
  compressed: number;
  /** Uncompressed size in bytes, as declared. */
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

/** Whether the bytes start as a zip does (a local file header). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && u32(b, 0) === LOCAL;
}

/**
 * The entries met walking the local headers from the start of `head` (a file's first bytes, so the
 * directory at the end may be missing): each name, and the data of an entry stored uncompressed.
 */
export function* localEntries(head: Uint8Array): Generator<{ name: string; stored: Uint8Array | null }> {
  let at = 0;
  while (at + 30 <= head.length && u32(head, at) === LOCAL) {
    const flags = u16(head, at + 6);
    const compressed = u32(head, at + 18);
    const nameLength = u16(head, at + 26);
    const start = at + 30 + nameLength + u16(head, at + 28);
    const name = new TextDecoder().decode(head.subarray(at + 30, Math.min(head.length, at + 30 + nameLength)));
    yield { name, stored: u16(head, at + 8) === 0 ? head.subarray(start, Math.min(head.length, start + compressed)) : null };
    if (flags & DATA_DESCRIPTOR) {
      // The sizes follow the data: the next entry starts at the next local header's signature.
      at = head.indexOf(0x50, start);
      while (at >= 0 && at + 4 <= head.length && u32(head, at) !== LOCAL) at = head.indexOf(0x50, at + 1);
      if (at < 0) return;
    } else at = start + compressed;
  }
}

/** The central directory's entries, or null when the bytes are not a zip that can be walked safely. */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  let end = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= 0 && at >= bytes.length - EOCD_SIZE - MAX_COMMENT; at--) {
    if (u32(bytes, at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  const start = u32(bytes, end + 16);
  // ZIP64 directories (over 65 535 entries or 4 GiB) are beyond any workbook Vigie imports.
  if (count === 0xffff || start === 0xffffffff) return null;
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength + extraLength > bytes.length) return null;
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(bytes, at + 8),
      compressed: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42)
    };
    readZip64(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Takes the 8-byte sizes and offset of the ZIP64 extra field (0x0001) for the fields marked 0xFFFFFFFF. */
function readZip64(extra: Uint8Array, entry: ZipEntry) {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ['size', 'compressed', 'offset'] as const) {
        if (entry[key] !== 0xffffffff) continue;
        if (field + 8 > at + 4 + length) return;
        entry[key] = u64(extra, field);
        field += 8;
      }
      return;
    }
    at += 4 + length;
  }
}

/** Where an entry's data starts and ends, checked against its local header; null when they disagree. */
export function entryExtent(bytes: Uint8Array, entry: ZipEntry): { start: number; end: number } | null {
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) return null;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressed;
  if (end > bytes.length) return null;
  const flags = u16(bytes, at + 6);
  const compressed = u32(bytes, at + 18);
  const size = u32(bytes, at + 22);
  // A local header without a data descriptor must say what the directory says (0xFFFFFFFF: see ZIP64).
  if (!(flags & DATA_DESCRIPTOR)) {
    if (compressed !== 0xffffffff && compressed !== entry.compressed) return null;
    if (size !== 0xffffffff && size !== entry.size) return null;
  }
  return { start, end };
}

/**
 * The bytes with each local header stating its entry's sizes as the directory declares them. Writers
 * that stream (LibreOffice among them) leave them at zero and put them after the data; SheetJS then
 * inflates into a buffer that grows without bound, whereas with a size it fills a buffer of that size
 * and no more. Copies only when a header needs it.
 */
export function withDeclaredSizes(bytes: Uint8Array, entries: ZipEntry[]): Uint8Array {
  let out = bytes;
  for (const entry of entries) {
    const at = entry.offset;
    if (!(u16(bytes, at + 6) & DATA_DESCRIPTOR)) continue;
    if (u32(bytes, at + 18) === entry.compressed && u32(bytes, at + 22) === entry.size) continue;
    if (out === bytes) out = bytes.slice();
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    view.setUint32(at + 18, entry.compressed, true);
    view.setUint32(at + 22, entry.size, true);
  }
  return out;
}
