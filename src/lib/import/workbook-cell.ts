// A spreadsheet cell as the text the CSV reader gets: the value as typed, never as displayed. Numbers in
// full with a '.', dates from serials at the precision their format shows, percentages ×100, errors named.

/** A cell as SheetJS gives it (dense mode): type, value, number format. */
export interface RawCell {
  /** n number, s text, b boolean, e error, d date, z empty. */
  t: string;
  v?: unknown;
  /** Number format, e.g. `0.0%`, `yyyy-mm-dd`, `#,##0 "$"`. */
  z?: string | number;
  /** Formatted text (for errors, when the reader gives it). */
  w?: string;
}

/** A cell's value as CSV text, with what kind of value it was. */
export interface CellText {
  text: string;
  kind: 'empty' | 'text' | 'number' | 'percent' | 'date' | 'boolean' | 'error';
}

const EMPTY: CellText = { text: '', kind: 'empty' };

/** Excel's error codes (MS-XLSB 2.5.97.2) and the text Excel shows. */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA'
};

/** What a number format shows of a number: the number, a percentage, or a date down to day, month or year, or a time. */
type Shown = 'number' | 'percent' | 'day' | 'month' | 'year' | 'datetime' | 'time';

const shownByFormat = new Map<string, Shown>();

/** The text of one cell; `date1904` when the workbook counts days from 1904 (old Mac Excel). */
export function cellText(cell: RawCell | null | undefined, date1904: boolean): CellText {
  if (!cell || cell.v === undefined || cell.v === null) return cell?.t === 'e' ? errorText(cell) : EMPTY;
  switch (cell.t) {
    case 'n':
      return numberText(cell.v as number, cell.z, date1904);
    case 's': {
      const text = String(cell.v);
      return text === '' ? EMPTY : { text, kind: 'text' };
    }
    case 'b':
      return { text: cell.v ? 'TRUE' : 'FALSE', kind: 'boolean' };
    case 'e':
      return errorText(cell);
    case 'd': {
      const date = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(date.getTime()) ? { text: String(cell.v), kind: 'text' } : { text: isoDay(date), kind: 'date' };
    }
    default:
      return EMPTY;
  }
}

function errorText(cell: RawCell): CellText {
  return { text: cell.w || ERRORS[cell.v as number] || '#VALUE!', kind: 'error' };
}

function numberText(v: number, format: RawCell['z'], date1904: boolean): CellText {
  if (!Number.isFinite(v)) return { text: '#NUM!', kind: 'error' };
  const shown = typeof format === 'string' ? formatShows(format) : 'number';
  if (shown === 'number') return { text: plainDecimal(String(v)), kind: 'number' };
  if (shown === 'percent') return { text: plainDecimal(String(v), 2), kind: 'percent' };
  // Excel has no date before its epoch: it shows #### for a negative serial.
  if (v < 0) return { text: plainDecimal(String(v)), kind: 'number' };
  return { text: serialText(v, shown, date1904), kind: 'date' };
}

/**
 * The decimal text of a number's shortest round-trip form, with the point moved `shift` places right
 * (×100 for percentages). Done on the digits, not by multiplying: 0.255 × 100 is 25.500000000000004 in
 * floating point, the file's value is 25.5. Never in exponent notation (1e-7 → 0.0000001).
 */
export function plainDecimal(shortest: string, shift = 0): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(shortest);
  if (!match) return shortest;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exponent) + shift; // digits before the decimal point
  let int = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  let frac = point < 0 ? '0'.repeat(-point) + digits : digits.slice(Math.max(point, 0));
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return sign && /[1-9]/.test(text) ? `-${text}` : text;
}

/** What a number format shows, read from its first section with literals, colours and locales removed. */
export function formatShows(format: string): Shown {
  let shown = shownByFormat.get(format);
  if (shown === undefined) {
    shown = classify(format);
    shownByFormat.set(format, shown);
  }
  return shown;
}

function classify(format: string): Shown {
  const section = format
    .replace(/"[^"]*"/g, '') // quoted literals: "$", " ", "-"
    .replace(/\\./g, '') // escaped characters: \- \
    .replace(/[_*]./g, '') // padding and fill characters
    .split(';')[0]!
    .replace(/\[(h+|m+|s+)\]/gi, '$1') // elapsed time [h]:mm keeps its letters
    .replace(/\[[^\]]*\]/g, '') // [Red], [$-fr-CA], [$$-1009], conditions
    .replace(/general/gi, '')
    .replace(/e[+-]/gi, '') // scientific notation, not the era year
    .toLowerCase();
  if (section.includes('%')) return 'percent';
  const tokens = section.match(/y+|e+|d+|m+|h+|s+|a\/p|am\/pm/g) ?? [];
  let day = false;
  let month = false;
  let year = false;
  let time = false;
  tokens.forEach((token, i) => {
    const c = token[0];
    if (c === 'y' || c === 'e') year = true;
    else if (c === 'd') day = true;
    else if (c === 'h' || c === 's' || c === 'a') time = true;
    else if (c === 'm') {
      // m is minutes right after an hour or right before seconds (h:mm, mm:ss), months elsewhere.
      const minutes = tokens[i - 1]?.[0] === 'h' || tokens[i + 1]?.[0] === 's';
      if (minutes) time = true;
      else month = true;
    }
  });
  if (day || (month && !year)) return time ? 'datetime' : 'day';
  if (month) return time ? 'datetime' : 'month';
  if (year) return time ? 'datetime' : 'year';
  return time ? 'time' : 'number';
}

/** A date serial as ISO text at the precision shown: 2024-06-14, 2024-09, 2024, 2024-06-14 13:30:00, 13:30:00. */
function serialText(serial: number, shown: Shown, date1904: boolean): string {
  const seconds = Math.round(serial * 86_400);
  let days = Math.floor(seconds / 86_400);
  const clock = isoTime(seconds - days * 86_400);
  if (shown === 'time') return clock;
  let iso: string;
  if (date1904) iso = isoDay(new Date(Date.UTC(1904, 0, 1 + days)));
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60), as Lotus 1-2-3 did.
  else if (days === 60) iso = '1900-02-29';
  else {
    if (days < 60) days += 1;
    iso = isoDay(new Date(Date.UTC(1899, 11, 30 + days)));
  }
  if (shown === 'year') return iso.slice(0, 4);
  if (shown === 'month') return iso.slice(0, 7);
  return shown === 'datetime' ? `${iso} ${clock}` : iso;
}

function isoDay(d: Date): string {
  const y = d.getUTCFullYear();
  const year =
    y < 0 ? `-${String(-y).padStart(6, '0')}` : y > 9999 ? `+${String(y).padStart(6, '0')}` : String(y).padStart(4, '0');
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function isoTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}
