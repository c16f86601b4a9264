import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DatasetEntry, DatasetKind } from '$lib/queries/datasets';

export type { DatasetEntry };

/** The data folder: `VIGIE_DATA_DIR`, or `data/` of the working directory. */
export function dataDir(): string {
  return resolve(process.env.VIGIE_DATA_DIR ?? 'data');
}

const TOP: Record<string, DatasetKind> = {
  'indicators.csv': 'indicators',
  'agreements.csv': 'agreements',
  'annotations.csv': 'annotations'
};

/** Every CSV of the data folder that the contract knows, with its kind; observations first by name. */
export async function listDataDir(dir = dataDir()): Promise<{ name: string; kind: DatasetKind; path: string }[]> {
  const out: { name: string; kind: DatasetKind; path: string }[] = [];
  for (const [file, kind] of Object.entries(TOP)) out.push({ name: file, kind, path: join(dir, file) });
  const obs = (await readdir(join(dir, 'observations')).catch(() => [] as string[]))
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort();
  for (const f of obs) out.push({ name: `observations/${f}`, kind: 'observations', path: join(dir, 'observations', f) });
  const present = await Promise.all(
    out.map((e) =>
      stat(e.path).then(
        () => true,
        () => false
      )
    )
  );
  return out.filter((_, i) => present[i]);
}

/** A text without its byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
