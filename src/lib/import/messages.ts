import type { MessageKey, Translate } from '$lib/i18n/dict';
import type { Problem, ProblemCode } from './problems';

/** Every problem an import can report, for exhaustive checks. */
export const PROBLEM_CODES: readonly ProblemCode[] = [
  'indicator_missing',
  'indicator_unknown',
  'period_missing',
  'period_invalid',
  'value_nan',
  'value_negative',
  'formula_error',
  'unit_mismatch',
  'duplicate_in_file',
  'unclosed_quote',
  'missing_columns',
  'too_many_columns',
  'invalid_unicode',
  'malformed'
];

/** A problem in the manager's words, with the offending cell's text inserted as text. */
export function problemMessage(t: Translate, problem: Pick<Problem, 'code' | 'text'>): string {
  return t(`import.problem.${problem.code}` as MessageKey, { text: problem.text ?? '' });
}
