/** Why a row (or the file) cannot be loaded. */
export type ProblemCode =
  | 'indicator_missing'
  | 'indicator_unknown'
  | 'period_missing'
  | 'period_invalid'
  | 'value_nan'
  | 'value_negative'
  | 'formula_error'
  | 'unit_mismatch'
  | 'duplicate_in_file'
  | 'unclosed_quote'
  | 'missing_columns'
  | 'too_many_columns'
  | 'invalid_unicode'
  | 'malformed';

/** Something worth a look that does not stop a value from loading. */
export type WarningCode = 'formula_like';

/** One problem, where a manager can find it: the line a text editor shows (header = 1), the column. */
export interface Problem {
  line: number;
  column: string | null;
  code: ProblemCode | WarningCode;
  /** The offending cell's text, shown as text, never as HTML. */
  text: string | null;
  /** In a workbook: the sheet and cell, `Feuil1!C12`. */
  cell?: string;
}

const READER_ERRORS: Record<string, ProblemCode> = {
  'UNQUOTED VALUE': 'unclosed_quote',
  'MISSING COLUMNS': 'missing_columns',
  'TOO MANY COLUMNS': 'too_many_columns',
  'INVALID UNICODE': 'invalid_unicode'
};

/** The problem a CSV reader error type stands for. */
export function readerProblem(errorType: string): ProblemCode {
  return READER_ERRORS[errorType] ?? 'malformed';
}
