import { headerSignature, type ColumnMapping } from '$lib/import/mapping';

const KEY = 'vigie.mapping.';

/** Keeps the manager's column mapping for files with this header, for the next file of the same shape. */
export function rememberMapping(header: readonly string[], mapping: ColumnMapping): void {
  if (typeof localStorage === 'undefined') return;
  localStorage.setItem(KEY + headerSignature(header), JSON.stringify(mapping));
}

/** The mapping the manager chose last time for a file with this header, if any. */
export function recalledMapping(header: readonly string[]): ColumnMapping | null {
  if (typeof localStorage === 'undefined') return null;
  try {
    const saved = localStorage.getItem(KEY + headerSignature(header));
    return saved ? (JSON.parse(saved) as ColumnMapping) : null;
  } catch {
    return null;
  }
}
