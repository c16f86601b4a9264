// Where the table is in a sheet laid out for people: title rows above (one filled cell, often merged),
// the header row, the data, blank rows, then footnotes below (« Source : … », « Note : … »).
import type { CellText } from './workbook-cell';

/** A merged area, 0-based and inclusive, as SheetJS gives `!merges`. */
export interface MergedArea {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** A sheet seen cell by cell, whatever read it. */
export interface SheetGrid {
  name: string;
  /** Rows to look at: the last filled row + 1. */
  rowCount: number;
  /** A cell's text; `isFilled` says whether it holds anything. */
  cell(row: number, column: number): CellText;
  /** The columns of a row that hold something, ascending. */
  filledColumns(row: number): number[];
  merges: MergedArea[];
}

/** The table found in a sheet: header, data as CSV, and where each record and column came from. */
export interface TableParts {
  /** 1-based row of the header found under the title rows (0 when the sheet is empty). */
  headerRow: number;
  /** Header cells as text; blank or merged-over ones named by their column letter. */
  header: string[];
  /** Text of the rows above the header (units and periods often hide there). */
  titles: string[];
  /** UTF-8 CSV of the header and data rows: ',' delimiter, '.' decimals, RFC 4180 quoting, CRLF, no BOM. */
  csv: Uint8Array;
  /** Sheet row (1-based) of each data record: record 1 → rowNumbers[0]. */
  rowNumbers: Int32Array;
  /** Sheet column (0-based) of each CSV column. */
  columns: number[];
  /** Rows below the table left out (« Source : … », « Note : … »). */
  footnotes: string[];
  /** Formula errors as `Feuil1!C12`; their text (#REF!, #DIV/0!…) is in the CSV cell as is. */
  errors: { cell: string; text: string }[];
  /** CSV columns (0-based) whose numbers were formatted as percentages, written ×100 (0.255 → 25.5). */
  percentColumns: number[];
}

// « Source : », « Notes : », « Note 2 : », « N. B. », « * », « ¹ », « (1) » at the start of a row.
const FOOTNOTE =
  /^\s*(?:(?:sources?|notes?|nota|remarques?|n\.\s?b\.|symboles?|signes conventionnels|légende|legend)\s*(?:\d+\s*)?[:.]|\*|†|‡|[¹²³⁴⁵⁶⁷⁸⁹⁰]|\(\d{1,2}\)\s)/i;

/** 'C12' from a 0-based column and a 1-based row. */
export function cellAddress(column: number, row: number): string {
  let letters = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** A cell as Excel writes it in a formula: `Tournées!C12`, `'Subventions 2024-2025'!E9`. */
export function sheetCellAddress(sheet: string, column: number, row: number): string {
  const name = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${name}!${cellAddress(column, row)}`;
}

/**
 * The 0-based header row under the titles, from each row's count of filled cells: the first row filled
 * across at least half the table's usual width (titles fill one cell).
 */
export function findHeaderRow(counts: Int32Array): number {
  const frequency = new Map<number, number>();
  for (const n of counts) if (n >= 2) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  if (frequency.size === 0) return counts.findIndex((n) => n > 0);
  // The usual width: the most frequent count of filled cells (ties: the wider), so that a TOTAL row or a
  // row with gaps does not set it.
  const [width] = [...frequency].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
  const least = Math.max(2, Math.ceil(width / 2));
  return counts.findIndex((n) => n >= least);
}

/**
 * A heading of two rows, groups merged across columns (« Nombre de tournées » over « 2023-2024 »,
 * « 2024-2025 ») above the names: the names are the header, the groups a title.
 */
function underGroups(grid: SheetGrid, counts: Int32Array, header: number): number {
  let row = header;
  while (
    row >= 0 &&
    row + 1 < grid.rowCount &&
    counts[row + 1]! >= 2 &&
    grid.merges.some((m) => m.s.r === row && m.e.r === row && m.e.c > m.s.c) &&
    grid.filledColumns(row + 1).every((c) => grid.cell(row + 1, c).kind === 'text')
  )
    row++;
  return row;
}

/** Whether a sheet holds a table: a header of two columns or more over at least one record. */
export function holdsTable(grid: SheetGrid): boolean {
  const counts = filledCounts(grid);
  const header = underGroups(grid, counts, findHeaderRow(counts));
  return header >= 0 && counts[header]! >= 2 && counts.some((n, r) => r > header && n > 0);
}

function filledCounts(grid: SheetGrid): Int32Array {
  const counts = new Int32Array(grid.rowCount);
  for (let r = 0; r < grid.rowCount; r++) counts[r] = grid.filledColumns(r).length;
  return counts;
}

/** The table of a sheet; `headerRow` (1-based) overrides the detection. */
export function tableOf(grid: SheetGrid, headerRow?: number): TableParts {
  const counts = filledCounts(grid);
  const header = headerRow
    ? Math.min(Math.max(headerRow - 1, 0), Math.max(grid.rowCount - 1, 0))
    : underGroups(grid, counts, findHeaderRow(counts));
  if (header < 0 || grid.rowCount === 0) return emptyTable();
  const rowText = (r: number) =>
    grid
      .filledColumns(r)
      .map((c) => grid.cell(r, c).text.trim())
      .join(' ');
  const titles: string[] = [];
  for (let r = 0; r < header; r++) if (counts[r]! > 0) titles.push(rowText(r));

  const end = tableEnd(grid, counts, header);
  const dataRows: number[] = [];
  for (let r = header + 1; r < end; r++) if (counts[r]! > 0) dataRows.push(r);
  const footnotes: string[] = [];
  for (let r = end; r < grid.rowCount; r++) if (counts[r]! > 0) footnotes.push(rowText(r));

  const columns = tableColumns(grid, header, dataRows);
  const names = headerNames(grid, header, columns);
  const errors: TableParts['errors'] = [];
  const percent = new Set<number>();
  const lines = [names.map(csvField).join(',')];
  for (const r of dataRows) {
    const fields = columns.map((c, i) => {
      const cell = grid.cell(r, c);
      if (cell.kind === 'error') errors.push({ cell: sheetCellAddress(grid.name, c, r + 1), text: cell.text });
      else if (cell.kind === 'percent') percent.add(i);
      return csvField(cell.text);
    });
    lines.push(fields.join(','));
  }
  return {
    headerRow: header + 1,
    header: names,
    titles,
    csv: new TextEncoder().encode(lines.join('\r\n') + '\r\n'),
    rowNumbers: Int32Array.from(dataRows, (r) => r + 1),
    columns,
    footnotes,
    errors,
    percentColumns: [...percent].sort((a, b) => a - b)
  };
}

function emptyTable(): TableParts {
  const parts = { header: [], titles: [], columns: [], footnotes: [], errors: [], percentColumns: [] };
  return { ...parts, headerRow: 0, csv: new Uint8Array(0), rowNumbers: new Int32Array(0) };
}

/**
 * The first row past the table (0-based, exclusive). Below the last block of rows that looks like data
 * (blocks are separated by blank rows), every block of note-like rows is footnotes; so are rows right
 * under the data that read « Source : », « Note : »… A block directly under the header is always data.
 */
function tableEnd(grid: SheetGrid, counts: Int32Array, header: number): number {
  const wide = counts[header]! >= 2;
  const first = (r: number) => grid.cell(r, grid.filledColumns(r)[0]!).text;
  const footnote = (r: number) => counts[r]! <= 2 && FOOTNOTE.test(first(r));
  const noteLike = (r: number) => footnote(r) || (wide && counts[r]! <= 1);
  const blocks: [number, number][] = [];
  for (let r = header + 1; r < grid.rowCount; r++) {
    if (counts[r] === 0) continue;
    const start = r;
    while (r < grid.rowCount && counts[r]! > 0) r++;
    blocks.push([start, r]);
  }
  for (let i = blocks.length - 1; i >= 0; i--) {
    const [start, stop] = blocks[i]!;
    let allNotes = true;
    for (let r = start; r < stop && allNotes; r++) allNotes = noteLike(r);
    if (allNotes && i > 0) continue;
    let end = stop;
    while (end > start && footnote(end - 1)) end--;
    return end;
  }
  return header + 1;
}

/** The sheet columns the table spans, less the blank ones (no header, no value). */
function tableColumns(grid: SheetGrid, header: number, dataRows: number[]): number[] {
  const used = new Set<number>(grid.filledColumns(header));
  for (const r of dataRows) for (const c of grid.filledColumns(r)) used.add(c);
  if (used.size === 0) return [];
  const all = [...used];
  const columns: number[] = [];
  for (let c = Math.min(...all); c <= Math.max(...all); c++) if (used.has(c)) columns.push(c);
  return columns;
}

/**
 * Header names: the cell's text (spaces and line breaks collapsed); a cell under a vertical merge takes
 * the merged text; a blank one, or one covered by a horizontal merge, its column letter (`D`): a name
 * repeated from a merge would make two columns of the same name, ambiguous to map, while the letter is
 * unique and points to the column in Excel. A name met twice gets its letter too: « Valeur (D) ».
 */
function headerNames(grid: SheetGrid, header: number, columns: number[]): string[] {
  const seen = new Set<string>();
  return columns.map((c) => {
    const letter = cellAddress(c, 1).slice(0, -1);
    let name = grid.cell(header, c).text.replace(/\s+/g, ' ').trim();
    if (!name) {
      const merge = grid.merges.find((m) => m.s.r < header && m.e.r >= header && m.s.c === c);
      if (merge) name = grid.cell(merge.s.r, c).text.replace(/\s+/g, ' ').trim();
    }
    if (!name) name = letter;
    if (seen.has(name)) name = `${name} (${letter})`;
    seen.add(name);
    return name;
  });
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
