// What kind of workbook a file is, from its bytes, and whether it may be opened at all. Light on purpose:
// the CSV path and the page may import this; SheetJS is loaded only once a file is known to be a workbook.
import { MAX_IMPORT_BYTES } from './limits';
import { entryExtent, isZip, localEntries, zipDirectory } from './zip';

/** The workbook formats Vigie reads. */
export type WorkbookKind = 'xlsx' | 'xls' | 'ods';

/** Why a workbook is refused: too big, out of proportion once inflated, unreadable, protected by a password, or asked for a sheet it has not. */
export type WorkbookProblem = 'zip_bomb' | 'too_large' | 'unreadable' | 'encrypted' | 'no_sheet';

/** A workbook refused, with the reason the page turns into a message (`code`). */
export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookProblem,
    detail?: string
  ) {
    super(detail || code);
    this.name = 'WorkbookError';
  }
}

/**
 * The most a workbook's entries may hold once inflated: the import limit. SheetJS keeps every cell as an
 * object, several times the XML's size, so this bounds the worker's memory as the file limit bounds a CSV's.
 */
export const MAX_WORKBOOK_INFLATED = MAX_IMPORT_BYTES;

/**
 * Inflated total over file size beyond which a workbook is a zip bomb. Spreadsheet XML compresses about
 * 5–20×, about 60× for a sheet of one repeated value; deflate cannot pass ≈1 030×. Apache POI refuses at 100×.
 */
export const MAX_INFLATE_RATIO = 100;

/** Below this inflated total the ratio is not looked at: a tiny workbook of empty sheets compresses well. */
const RATIO_GRACE = 1024 * 1024;

/** More entries than any workbook has (each sheet is two or three): a directory built to exhaust. */
const MAX_ENTRIES = 10_000;

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** By magic bytes (zip with xl/ or an ODS mimetype; CFB D0 CF 11 E0 for xls), never by file name. */
export function workbookKind(head: Uint8Array): WorkbookKind | null {
  if (CFB.every((b, i) => head[i] === b)) return 'xls';
  if (!isZip(head)) return null;
  // Excel writes [Content_Types].xml, _rels/, then xl/; an ODS must start with a stored `mimetype` entry.
  const names: string[] = [];
  for (const { name, stored } of localEntries(head)) {
    const kind = kindOfEntry(name, stored);
    if (kind !== undefined) return kind;
    names.push(name);
  }
  // A small file is whole in its head: its directory names every entry.
  for (const { name } of zipDirectory(head) ?? []) {
    const kind = kindOfEntry(name, null);
    if (kind) return kind;
    names.push(name);
  }
  // An OpenDocument package whose mimetype is compressed (SheetJS writes them so): SheetJS will tell.
  return names.includes('content.xml') ? 'ods' : null;
}

/** xlsx for a part under xl/, ods for the spreadsheet mimetype, null for another Office or ODF file. */
function kindOfEntry(name: string, stored: Uint8Array | null): WorkbookKind | null | undefined {
  if (name.startsWith('xl/')) return 'xlsx';
  if (name === 'mimetype' && stored) return new TextDecoder().decode(stored).trim() === ODS_MIMETYPE ? 'ods' : null;
  if (name.startsWith('word/') || name.startsWith('ppt/')) return null;
  return undefined;
}

/**
 * A workbook refused before parsing: over the import limit, a zip whose entries' inflated total is out of
 * proportion or whose entries overlap (zip bombs), or bytes that are not a workbook whose directory can be
 * walked. Reads the zip's central directory and local headers only; nothing is inflated.
 */
export function workbookProblem(bytes: Uint8Array): 'zip_bomb' | 'too_large' | 'unreadable' | null {
  if (bytes.length > MAX_IMPORT_BYTES) return 'too_large';
  const kind = workbookKind(bytes);
  if (kind === null) return 'unreadable';
  if (kind === 'xls') return null; // a compound file stores its streams as they are: nothing to inflate
  const entries = zipDirectory(bytes);
  if (!entries || entries.length === 0) return 'unreadable';
  if (entries.length > MAX_ENTRIES) return 'zip_bomb';
  let inflated = 0;
  const extents: { start: number; end: number }[] = [];
  for (const entry of entries) {
    const extent = entryExtent(bytes, entry);
    if (!extent) return 'unreadable';
    extents.push(extent);
    inflated += entry.size;
  }
  // Entries sharing their compressed data (the "non-recursive" zip bomb) multiply the total at no cost.
  extents.sort((a, b) => a.start - b.start);
  for (let i = 1; i < extents.length; i++) if (extents[i]!.start < extents[i - 1]!.end) return 'zip_bomb';
  if (inflated > RATIO_GRACE && inflated / bytes.length > MAX_INFLATE_RATIO) return 'zip_bomb';
  if (inflated > MAX_WORKBOOK_INFLATED) return 'too_large';
  return null;
}
