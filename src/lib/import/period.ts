/**
 * Whether a text is a period Vigie understands (the same grammar as the DuckDB macros of
 * `$lib/queries/period.ts`): used on headers to recognise a wide layout, one column per period.
 */
export function isPeriod(text: string): boolean {
  const p = text.trim();
  let m: RegExpMatchArray | null;
  if ((m = p.match(/^(\d{4})-(\d{4})$/))) return Number(m[2]) === Number(m[1]) + 1;
  if (/^\d{4}$/.test(p)) return true;
  // `2019-20`, `2019/20`: a fiscal year as Excel users write it (the import makes it `2019-2020`).
  if ((m = p.match(/^(\d{4})[-/](\d{2})$/)) && (Number(m[1]) + 1) % 100 === Number(m[2])) return true;
  if (/^\d{4}-[Qq][1-4]$/.test(p)) return true;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return true;
  if ((m = p.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  }
  if ((m = p.match(/^(\d{4})\/(\d{4})$/))) return Number(m[2]) > Number(m[1]);
  return false;
}
