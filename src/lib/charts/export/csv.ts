import type { Lang } from '$lib/i18n/dict';

/** A cell: numbers stay numbers (written with the dialect's decimal mark), text is text, null is empty. */
export type Cell = string | number | null;

/** A table to write: its header and its rows, in the order they are drawn. */
export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

/** How a spreadsheet of the interface's language expects a CSV. */
export interface CsvDialect {
  /** Field separator. */
  delimiter: ',' | ';';
  /** Decimal mark of numbers. */
  decimal: '.' | ',';
}

/**
 * French Excel (fr-CA regional settings) splits fields on `;` and reads `1234,5` as a number; a CSV
 * with `,` would open as one column. English settings expect `,` and `1234.5`.
 */
export function csvDialect(lang: Lang): CsvDialect {
  return lang === 'fr' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

/** The byte order mark: without it Excel reads UTF-8 as Windows-1252 and `Québec` becomes `QuÃ©bec`. */
export const BOM = '\uFEFF';

// What a spreadsheet takes for a formula (or DDE) at the start of a cell, per OWASP's CSV injection advice.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a text cell inert in a spreadsheet: one starting with `=`, `+`, `-`, `@`, tab or carriage
 * return gets a leading `'`, which Excel and LibreOffice show as text instead of evaluating.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function number(value: number, dialect: CsvDialect): string {
  if (!Number.isFinite(value)) return '';
  // Full precision, never grouped: the CSV is for computing, the table on screen is for reading.
  const plain = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  return dialect.decimal === ',' ? plain.replace('.', ',') : plain;
}

function field(cell: Cell, dialect: CsvDialect): string {
  if (cell === null) return '';
  // A number we wrote cannot hold a formula, and `-12` must stay a number, so only text is neutralised.
  const text = typeof cell === 'number' ? number(cell, dialect) : neutralise(cell);
  return /["\r\n]/.test(text) || text.includes(dialect.delimiter) || text !== text.trim()
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** The table as CSV text: BOM, header, one line a row, CRLF line ends (RFC 4180). */
export function toCsv(table: CsvTable, dialect: CsvDialect): string {
  const lines = [table.header, ...table.rows].map((row) => row.map((c) => field(c, dialect)).join(dialect.delimiter));
  return BOM + lines.join('\r\n') + '\r\n';
}
