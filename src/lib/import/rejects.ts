import Papa from 'papaparse';
import type { Connector } from '$lib/db/types';
import { rejectedLinesQuery, rejectedRowsQuery } from '$lib/queries/import';
import { lineOf, readerProblem } from './pipeline';

/** Labels of the two columns added to the refused rows. */
export interface RejectWords {
  line: string;
  reason: string;
  /** A problem code → its sentence. */
  describe: (code: string) => string;
}

/**
 * The refused rows as a CSV the manager can fix and import again: the file's own columns, then the
 * line and the reason. UTF-8 with BOM so Excel reads accents; cells that would start a formula are
 * escaped (papaparse's escapeFormulae), since they come from an outside file.
 */
export async function rejectedRowsCsv(db: Connector, header: readonly string[], words: RejectWords): Promise<string> {
  const lines = await db.query<{ line: number; error_type: string; csv_line: string }>(rejectedLinesQuery());
  const refused = lines.map((l) => l.line).sort((a, b) => a - b);
  const rows = await db.query<Record<string, string | number | null>>(rejectedRowsQuery());
  const out: (string | number)[][] = rows.map((r) => [
    ...header.map((_, i) => (r[`c${i}`] as string | null) ?? ''),
    lineOf(r.rec as number, refused),
    words.describe(String(r.problem))
  ]);
  // Lines the reader could not split keep their raw text in the first column.
  for (const l of lines)
    out.push([l.csv_line, ...header.slice(1).map(() => ''), l.line, words.describe(readerProblem(l.error_type))]);
  out.sort((a, b) => Number(a[header.length]) - Number(b[header.length]));
  return (
    '\ufeff' +
    Papa.unparse({ fields: [...header, words.line, words.reason], data: out }, { escapeFormulae: true, newline: '\r\n' })
  );
}
