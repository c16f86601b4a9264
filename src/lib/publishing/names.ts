/** A file name's stem as a dataset name part: `Tournées 2025 (v2).csv` → `tournees-2025-v2`. */
export function slugName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const slug = stem
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'donnees';
}

/** The dataset an import publishes to by default: `observations/imports-<file>.csv`. */
export function importDatasetName(fileName: string): string {
  return `observations/imports-${slugName(fileName)}.csv`;
}
