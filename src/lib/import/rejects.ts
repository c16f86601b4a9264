import Papa from 'papaparse';
import type { Connector } from '$lib/db/types';
import { rejectedLinesQuery, rejectedRowsQuery } from '$lib/queries/import';
import { multilineQuery } from '$lib/queries/import-stage';
import { recordLine, refusedLine, type LineMap } from './lines';
import { readerProblem } from './problems';

/** Labels of the two columns added to the refused rows, and the separator the manager's Excel expects. */
export interface RejectWords {
  line: string;
  reason: string;
  /** A problem code → its sentence. */
  describe: (code: string) => string;
  /** `;` in French (French Excel opens a `,` file as one column), `,` in English. */
  delimiter: ';' | ',';
}

/**
 * The refused rows as a CSV the manager can fix and import again: the file's own columns, then the line
 * a text editor shows (or the sheet's row) and every reason. UTF-8 with BOM so Excel reads accents; cells
 * that would start a formula are escaped (papaparse's escapeFormulae), since they come from an outside file.
 */
export async function rejectedRowsCsv(
  db: Connector,
  header: readonly string[],
  words: RejectWords,
  rowNumbers: ArrayLike<number> | null = null
): Promise<string> {
  const lines = await db.query<{ line: number; error_type: string; csv_line: string }>(rejectedLinesQuery());
  const map: LineMap = {
    refused: lines.map((l) => l.line).sort((a, b) => a - b),
    multiline: rowNumbers ? [] : await db.query(multilineQuery(header.length)),
    rowNumbers
  };
  const rows = await db.query<Record<string, string | number | null>>(rejectedRowsQuery());
  const out: (string | number)[][] = rows.map((r) => [
    ...header.map((_, i) => (r[`c${i}`] as string | null) ?? ''),
    recordLine(r.rec as number, map),
    String(r.problem)
      .split(' ')
      .map((code) => words.describe(code))
      .join(' / ')
  ]);
  // Lines the reader could not split keep their raw text in the first column.
  for (const l of lines)
    out.push([
      l.csv_line,
      ...header.slice(1).map(() => ''),
      refusedLine(l.line, map),
      words.describe(readerProblem(l.error_type))
    ]);
  out.sort((a, b) => Number(a[header.length]) - Number(b[header.length]));
  return (
    '\ufeff' +
    Papa.unparse(
      { fields: [...header, words.line, words.reason], data: out },
      { escapeFormulae: true, newline: '\r\n', delimiter: words.delimiter }
    )
  );
}
