import type { DatasetKind } from '$lib/queries/datasets';

/**
 * The dataset names a request may create: the three top-level files, `observations/<name>.csv` and
 * `catalogue/<name>.csv` (indicators described during an import). Lower-case ASCII, digits, `-` and
 * `_` only: no `..`, no absolute path, no backslash, no NUL, nothing a file system reads specially.
 */
const PATTERN = /^(?:(indicators|agreements|annotations)\.csv|(observations|catalogue)\/[a-z0-9][a-z0-9_-]{0,79}\.csv)$/;

/** Whether a name sent by a client may name a dataset (see PATTERN). */
export function isDatasetName(name: unknown): name is string {
  return typeof name === 'string' && PATTERN.test(name);
}

/**
 * The kind of a dataset, from its name; null for a name outside the contract. Looser than PATTERN, for
 * the shipped files of data/ (named by whoever put them there), but still one path segment per part.
 */
export function kindOfName(name: string): DatasetKind | null {
  // eslint-disable-next-line no-control-regex
  const m = /^(?:(indicators|agreements|annotations)\.csv|(observations|catalogue)\/(?!\.)[^/\\\u0000-\u001f]+\.csv)$/.exec(name);
  if (!m) return null;
  if (m[1]) return m[1] as DatasetKind;
  return m[2] === 'catalogue' ? 'indicators' : 'observations';
}

export { importDatasetName, slugName } from '$lib/publishing/names';

/** The catalogue that goes with an observations dataset, for the indicators its import described. */
export function catalogueNameFor(dataset: string): string {
  return `catalogue/${dataset.replace(/^observations\//, '')}`;
}
