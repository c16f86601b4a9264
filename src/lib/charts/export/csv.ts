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

/** A field a spreadsheet reads as that very number, although it may start with `-` or `+`: `-12`, `+3.5`, `-1e-3`. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** First characters `neutralise` may act on (its FORMULA_START), as char codes: `=`, `+`, `-`, `@`, tab, CR. */
const STARTS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/**
 * Makes a CSV written elsewhere (a dataset, as stored) inert in a spreadsheet: every field that
 * `neutralise` would change gets its leading `'` — inside the quotes when the field is quoted — except
 * plain numbers (`-12` stays a number). Every other byte is kept: same delimiter, quoting and line ends.
 * One pass, no parse into rows, so a dataset of a million rows costs a scan.
 */
export function neutraliseCsv(text: string, delimiter: ',' | ';' = ','): string {
  const sep = delimiter.charCodeAt(0);
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // `i` is at the start of a field.
    const quoted = text.charCodeAt(i) === 0x22;
    const start = quoted ? i + 1 : i;
    let end: number;
    if (quoted) {
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1 || text.charCodeAt(q + 1) !== 0x22) {
          end = q === -1 ? n : q;
          break;
        }
        j = q + 2;
      }
      i = end;
    } else {
      i = start;
    }
    // Up to the field's end: the delimiter or a line end (what follows a closing quote is kept as it is).
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === sep || c === 0x0a || c === 0x0d) break;
      i++;
    }
    if (!quoted) end = i;
    if (STARTS.has(text.charCodeAt(start))) {
      const value = text.slice(start, end!);
      if (neutralise(value) !== value && !PLAIN_NUMBER.test(value)) {
        parts.push(text.slice(copied, start), "'");
        copied = start;
      }
    }
    // Past the delimiter or the line end (CRLF as one).
    if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 2;
    else i++;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
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
