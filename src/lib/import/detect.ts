import Papa from 'papaparse';
import { decode, detectEncoding, hasBom, looksBinary, type Encoding } from './encoding';
import { PREVIEW_ROWS } from './limits';
import { isPeriod } from './period';
import { isStatcanHeader } from './statcan';
import { workbookKind, type WorkbookKind } from './workbook-kind';

/** Field delimiters Vigie recognises. */
export const DELIMITERS = [',', ';', '|', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How the file is laid out: one row per value, one column per period, or a Statistics Canada table. */
export type Layout = 'long' | 'wide' | 'statcan';

/** How to read the bytes: what detection found, and what the manager may override. */
export interface Dialect {
  encoding: Encoding;
  delimiter: Delimiter;
  /** The decimal mark of the numbers (French Excel: comma). */
  decimal: ',' | '.';
}

/** What the first bytes of a file say about it. */
export interface Sniffed {
  dialect: Dialect;
  layout: Layout;
  /** Column names, trimmed, BOM removed. */
  header: string[];
  /** The first rows after the header, as text. */
  rows: string[][];
  /** The file is not text (binary): it must be refused. */
  binary: boolean;
  /** The sample holds no line at all. */
  empty: boolean;
  /** The file is an Excel or OpenDocument workbook: read by sheet, not as text. */
  workbook: WorkbookKind | null;
}

/** The layout the header suggests. */
export function detectLayout(header: readonly string[]): Layout {
  if (isStatcanHeader(header)) return 'statcan';
  return header.filter((h) => isPeriod(h)).length >= 2 ? 'wide' : 'long';
}

const FRENCH_DECIMAL = /^[-−]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*,\d+\s*[$%]?$/;
const ENGLISH_DECIMAL = /^[-−]?\$?\d{1,3}(?:,?\d{3})*\.\d+\s*[$%]?$/;
const SPACED_THOUSANDS = /^[-−]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+\s*[$%]?$/;

/** Votes on the decimal mark from the values seen; a `;`-separated file is French unless shown otherwise. */
export function detectDecimal(rows: readonly string[][], delimiter: Delimiter): ',' | '.' {
  let comma = 0;
  let dot = 0;
  for (const row of rows) {
    for (const cell of row) {
      const c = cell.trim();
      if (FRENCH_DECIMAL.test(c) || SPACED_THOUSANDS.test(c)) comma++;
      else if (ENGLISH_DECIMAL.test(c)) dot++;
    }
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

/** Detects encoding, delimiter, header, decimal mark and layout from the first bytes of a file. */
export function sniff(sample: Uint8Array, overrides: Partial<Dialect> = {}): Sniffed {
  const binary = looksBinary(sample);
  const encoding = overrides.encoding ?? detectEncoding(sample);
  let text = decode(hasBom(sample) ? sample.subarray(3) : sample, encoding);
  // The sample may end mid-line: keep whole lines only (unless it is the whole file).
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak > 0 && sample.length >= 1024) text = text.slice(0, lastBreak);
  const parsed = Papa.parse<string[]>(text, {
    delimiter: overrides.delimiter ?? '',
    delimitersToGuess: [...DELIMITERS],
    preview: PREVIEW_ROWS + 40,
    skipEmptyLines: 'greedy'
  });
  const guessed = parsed.meta.delimiter as Delimiter;
  const delimiter = overrides.delimiter ?? (DELIMITERS.includes(guessed) ? guessed : ',');
  const [first = [], ...rest] = parsed.data;
  const header = first.map((h) => h.replace(/^\ufeff/, '').trim());
  const decimal = overrides.decimal ?? detectDecimal(rest, delimiter);
  return {
    dialect: { encoding, delimiter, decimal },
    layout: detectLayout(header),
    header,
    rows: rest.slice(0, PREVIEW_ROWS),
    binary,
    empty: text.trim() === '',
    workbook: workbookKind(sample)
  };
}
