// Excel and OpenDocument workbooks read as a table: the sheets with their sizes, the table of one sheet as
// UTF-8 CSV for the same pipeline as a CSV file, and where each value came from. Bytes in, data out: the
// browser's parsing worker (loaded there on demand, SheetJS is large) and the server run the same code.
import { read, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { cellText, type RawCell } from './workbook-cell';
import { WorkbookError, workbookKind, workbookProblem } from './workbook-kind';
import { holdsTable, tableOf, type SheetGrid, type TableParts } from './workbook-table';
import { withDeclaredSizes, zipDirectory } from './zip';

export { cellAddress, sheetCellAddress } from './workbook-table';
export { WorkbookError, workbookKind, workbookProblem, type WorkbookKind } from './workbook-kind';

/** A sheet of the workbook, for the manager's choice. */
export interface SheetInfo {
  name: string;
  /** Rows and columns up to the last filled cell. */
  rows: number;
  columns: number;
  /** Hidden in Excel (xlsx, xls; SheetJS does not read an ODS sheet's visibility). */
  hidden: boolean;
}

/** One sheet's table, ready for the CSV pipeline, with every sheet of the workbook. */
export interface SheetTable extends TableParts {
  /** Every sheet with its size, for the manager's choice. */
  sheets: SheetInfo[];
  /** The sheet read. */
  sheet: string;
}

/** What to read: a sheet by name (default: the first visible sheet holding a table), a header row (1-based). */
export interface ReadSheetOptions {
  sheet?: string;
  headerRow?: number;
}

/**
 * Reads one sheet of an .xlsx, .xls or .ods as a table. Throws a `WorkbookError` (code `zip_bomb`,
 * `too_large`, `unreadable`, `encrypted`, `no_sheet`) for a file it must refuse; never anything else.
 */
export function readSheet(bytes: Uint8Array, options: ReadSheetOptions = {}): SheetTable {
  const problem = workbookProblem(bytes);
  if (problem) throw new WorkbookError(problem);
  const book = parse(bytes);
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const grids = book.SheetNames.map((name) => gridOf(name, book.Sheets[name]!, date1904));
  const sheets = grids.map((grid, i) => ({
    name: grid.name,
    rows: grid.rowCount,
    columns: grid.columnCount,
    hidden: Boolean(book.Workbook?.Sheets?.[i]?.Hidden)
  }));
  let grid: Grid | undefined;
  if (options.sheet !== undefined) {
    grid = grids.find((g) => g.name === options.sheet);
    if (!grid) throw new WorkbookError('no_sheet', options.sheet);
  } else {
    const visible = grids.filter((_, i) => !sheets[i]!.hidden);
    grid = visible.find(holdsTable) ?? visible.find((g) => g.rowCount > 0) ?? visible[0] ?? grids[0];
    if (!grid) throw new WorkbookError('unreadable', 'no sheet');
  }
  return { sheets, sheet: grid.name, ...tableOf(grid, options.headerRow) };
}

function parse(bytes: Uint8Array): WorkBook {
  const kind = workbookKind(bytes);
  const entries = kind === 'xls' ? null : zipDirectory(bytes);
  // SheetJS tells console.error of each LibreOffice number format whose conditions it simplifies (the
  // values are unaffected): a line per format in the server's log. read() is synchronous: nothing else
  // logs meanwhile.
  const log = console.error;
  if (kind === 'ods') console.error = (...args: unknown[]) => void (/ODS number format/.test(String(args[0])) || log(...args));
  try {
    return read(entries ? withDeclaredSizes(bytes, entries) : bytes, {
      type: 'array',
      dense: true,
      cellNF: true, // the number format tells dates and percentages from numbers
      cellText: false, // formatted text: not needed, and the slowest part
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      bookVBA: false
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new WorkbookError(/password|encrypt/i.test(message) ? 'encrypted' : 'unreadable', message);
  } finally {
    console.error = log;
  }
}

interface Grid extends SheetGrid {
  columnCount: number;
}

/** A SheetJS dense sheet as a grid; counts only filled cells, so formatting down to row 1 048 576 is not a size. */
function gridOf(name: string, sheet: WorkSheet, date1904: boolean): Grid {
  const data = (sheet['!data'] ?? []) as (RawCell | undefined)[][];
  const filled: number[][] = [];
  let columnCount = 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    const columns: number[] = [];
    if (row) for (let c = 0; c < row.length; c++) if (isFilled(row[c])) columns.push(c);
    filled.push(columns);
    if (columns.length) columnCount = Math.max(columnCount, columns[columns.length - 1]! + 1);
  }
  let rowCount = filled.length;
  while (rowCount > 0 && filled[rowCount - 1]!.length === 0) rowCount--;
  return {
    name,
    rowCount,
    columnCount,
    merges: sheet['!merges'] ?? [],
    cell: (r, c) => cellText(data[r]?.[c], date1904),
    filledColumns: (r) => filled[r] ?? []
  };
}

function isFilled(cell: RawCell | undefined): boolean {
  if (!cell || cell.t === 'z') return false;
  return cell.t === 'e' || (cell.v !== undefined && cell.v !== null && cell.v !== '');
}
