import type { WorkbookPlace } from './check';
import { sniff, type Sniffed } from './detect';
import { SNIFF_BYTES } from './limits';
import type { StageHints } from './stage';
import type { SheetInfo, SheetTable } from './workbook';

/** What the manager sees of a workbook: its sheets, the one read, and what was left around its table. */
export interface WorkbookView {
  sheets: SheetInfo[];
  sheet: string;
  /** 1-based row of the table's header. */
  headerRow: number;
  /** Rows above the header (titles), left out. */
  titles: string[];
  /** Rows below the table (notes, sources), left out. */
  footnotes: string[];
}

/** A workbook's sheet as the CSV pipeline reads it: its bytes, its detection, where its values came from. */
export interface SheetSource {
  /** UTF-8 CSV of the table. */
  csv: Uint8Array;
  sniffed: Sniffed;
  place: WorkbookPlace;
  hints: StageHints;
  view: WorkbookView;
}

/**
 * Hands a sheet's table to the same mapping, validation and load as a CSV file: SheetJS wrote it as
 * UTF-8 with `,` and decimal points, so nothing is guessed about its dialect.
 */
export function sheetSource(table: SheetTable): SheetSource {
  const sniffed = sniff(table.csv.subarray(0, SNIFF_BYTES), { encoding: 'utf-8', delimiter: ',', decimal: '.' });
  return {
    csv: table.csv,
    sniffed: { ...sniffed, header: table.header },
    place: { sheet: table.sheet, rowNumbers: table.rowNumbers, columns: table.columns },
    hints: { titles: table.titles, percentColumns: table.percentColumns },
    view: {
      sheets: table.sheets,
      sheet: table.sheet,
      headerRow: table.headerRow,
      titles: table.titles,
      footnotes: table.footnotes
    }
  };
}
