/** Text encodings Vigie reads: UTF-8 (with or without byte-order mark) and Windows-1252 (Excel in French). */
export type Encoding = 'utf-8' | 'windows-1252';

/** Whether the bytes start with a UTF-8 byte-order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Whether the bytes look like a binary file rather than text: a NUL byte, or many control characters.
 * A spreadsheet (.xlsx is a zip), a PDF or an image is refused as "not a CSV" instead of parsed into garbage.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.02;
}

/**
 * UTF-8 when the bytes decode as UTF-8 (a BOM settles it at once); otherwise Windows-1252, which every
 * byte decodes as, and which French Excel writes by default.
 */
export function detectEncoding(bytes: Uint8Array): Encoding {
  if (hasBom(bytes)) return 'utf-8';
  // A sample may end inside a multi-byte character: drop up to 3 trailing bytes of an incomplete one.
  let end = bytes.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1 (€, ’, œ, « curly » quotes …); 0 = unassigned. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
];

/**
 * Windows-1252 decoded by table: Node's TextDecoder drops the 0x80–0x9F characters (’ and œ, common
 * in French), and the server must read a file exactly as the browser does.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 1 << 15;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const slice = bytes.subarray(start, start + CHUNK);
    const units = new Uint16Array(slice.length);
    for (let i = 0; i < slice.length; i++) {
      const b = slice[i]!;
      units[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] || 0xfffd : b;
    }
    parts.push(String.fromCharCode(...units));
  }
  return parts.join('');
}

/** Decodes bytes as text, dropping a UTF-8 byte-order mark. */
export function decode(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}
