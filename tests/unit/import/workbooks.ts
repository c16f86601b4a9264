/** Workbooks and zips written by the tests, so that each test shows the cells or bytes it feeds. */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { utils, write, type CellObject, type Range } from '@e965/xlsx';

/** A committed fixture (scripts/make-workbook-fixtures.mjs). */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
}

/** A cell with a number format, as Excel stores a typed value. */
export const typed = (v: number, z: string): CellObject => ({ t: 'n', v, z });

/** An .xlsx of one or more sheets given as rows of cells; `merges` as A1 ranges per sheet. */
export function xlsx(
  sheets: Record<string, unknown[][]>,
  options: { merges?: Record<string, string[]>; date1904?: boolean } = {}
): Uint8Array {
  const wb = utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = utils.aoa_to_sheet(rows);
    const merges = options.merges?.[name];
    if (merges) ws['!merges'] = merges.map((r): Range => utils.decode_range(r));
    utils.book_append_sheet(wb, ws, name);
  }
  if (options.date1904) wb.Workbook = { WBProps: { date1904: true } };
  return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx', compression: true }));
}

/** One zip entry: its name, its stored bytes and how they are compressed, and what the headers declare. */
export interface Entry {
  name: string;
  data: Uint8Array;
  /** 8 deflate, 0 stored. */
  method?: number;
  /** The uncompressed size the headers declare (default: the true one). */
  declaredSize?: number;
  /** Sizes after the data (flag bit 3), zero in the local header, as LibreOffice writes. */
  descriptor?: boolean;
}

/** Deflates bytes as a zip entry does (raw deflate). */
export const deflated = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));

/**
 * A zip built by hand, with whatever its headers should declare (PKWARE APPNOTE §4.3); `aliases` more
 * directory entries point to the last entry's data, as the "non-recursive" zip bomb does.
 */
export function zip(entries: Entry[], options: { aliases?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const size = e.declaredSize ?? e.data.length;
    const flags = e.descriptor ? 0x0008 : 0;
    const local = header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, flags, true);
      v.setUint16(8, e.method ?? 0, true);
      v.setUint32(18, e.descriptor ? 0 : e.data.length, true);
      v.setUint32(22, e.descriptor ? 0 : size, true);
      v.setUint16(26, name.length, true);
    });
    local.set(name, 30);
    const directory = (entryName: Uint8Array) => {
      const entry = header(46 + entryName.length, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 20, true);
        v.setUint16(8, flags, true);
        v.setUint16(10, e.method ?? 0, true);
        v.setUint32(20, e.data.length, true);
        v.setUint32(24, size, true);
        v.setUint16(28, entryName.length, true);
        v.setUint32(42, at, true);
      });
      entry.set(entryName, 46);
      return entry;
    };
    const at = offset;
    central.push(directory(name));
    if (e === entries.at(-1))
      for (let i = 0; i < (options.aliases ?? 0); i++) central.push(directory(new TextEncoder().encode(`${e.name}.${i}`)));
    parts.push(local, e.data);
    offset += local.length + e.data.length;
    if (e.descriptor) {
      parts.push(
        header(16, (v) => {
          v.setUint32(0, 0x08074b50, true);
          v.setUint32(8, e.data.length, true);
          v.setUint32(12, size, true);
        })
      );
      offset += 16;
    }
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, central.length, true);
    v.setUint16(10, central.length, true);
    v.setUint32(12, centralSize, true);
    v.setUint32(16, offset, true);
  });
  return concat([...parts, ...central, end]);
}

function header(length: number, fill: (v: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(length);
  fill(new DataView(bytes.buffer));
  return bytes;
}

/** Bytes one after the other. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The parts that make a zip an xlsx to the eye of `workbookKind` ([Content_Types].xml first, then xl/). */
export const xlsxParts = (sheet: Entry): Entry[] => [
  { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
  { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
  sheet
];
