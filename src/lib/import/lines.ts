/**
 * Where a record is, in the manager's terms. DuckDB numbers records (the header is record 1), and
 * numbers only the records it read: the line a text editor shows differs when a quoted cell holds a line
 * break or a record was refused; a workbook's record is a row of its sheet.
 */
export interface LineMap {
  /** Record numbers (header = 1) the CSV reader refused, sorted. */
  refused: readonly number[];
  /** Records read whose cells hold line breaks, by `rec` (1 = first after the header), sorted. */
  multiline: readonly { rec: number; extra: number }[];
  /** A workbook's sheet row of each record (`rec` 1 → `rowNumbers[0]`), when the file was a workbook. */
  rowNumbers?: ArrayLike<number> | null;
}

/** The record number (header = 1) of the `rec`-th record read, given the records the reader refused. */
export function lineOf(rec: number, refused: readonly number[]): number {
  let line = rec + 1;
  for (const r of refused) if (r <= line) line++;
  return line;
}

/** Line breaks held by the records read before the `rec`-th one. */
function extraBefore(rec: number, multiline: LineMap['multiline']): number {
  let extra = 0;
  for (const m of multiline) {
    if (m.rec >= rec) break;
    extra += m.extra;
  }
  return extra;
}

/** The editor's line (or the sheet's row) where the `rec`-th record read starts. */
export function recordLine(rec: number, map: LineMap): number {
  if (map.rowNumbers) return map.rowNumbers[rec - 1] ?? rec + 1;
  return lineOf(rec, map.refused) + extraBefore(rec, map.multiline);
}

/** The editor's line where a record the reader refused starts, from its record number. */
export function refusedLine(record: number, map: LineMap): number {
  // The records read before it: those whose record number is smaller.
  let read = record - 1; // records before it, header included
  for (const r of map.refused) if (r < record) read--;
  return record + extraBefore(read, map.multiline);
}
