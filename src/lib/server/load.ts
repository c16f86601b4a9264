import Papa from 'papaparse';
import type { Connector } from '$lib/db/types';
import { Coordinator } from '$lib/coordinator/coordinator';
import { loadDatasets } from '$lib/engine/load';
import { CONTRACT, type DatasetEntry, type DatasetFile, type DatasetKind } from '$lib/queries/datasets';
import { manifestVersion, readCurrentBytes, textOf, type CurrentDataset } from './current';
import type { Damage } from './damage';
import { services } from './services';
import { StoreError } from './store';

/** Columns without which a file of each kind gives nothing (the others default: docs/data-format.md). */
const REQUIRED: Record<DatasetKind, readonly string[]> = {
  indicators: ['indicator_id', 'axis', 'name_fr'],
  observations: ['indicator_id', 'period', 'value'],
  agreements: ['partner', 'signed'],
  annotations: ['date', 'label_fr']
};

/** What loading the current datasets gave: the manifest of those loaded, and those left out. */
export interface LoadResult {
  manifest: DatasetEntry[];
  damaged: Damage[];
}

/** Where a dataset's content lies on disk, to name it in the log. */
function fileOf(d: CurrentDataset): string {
  if (d.path) return d.path;
  const sha = d.record?.sha256 ?? '';
  return `${services().root}/blobs/${sha.slice(0, 2)}/${sha}.csv`;
}

/** The content of a dataset, or why it cannot be used. */
async function read(d: CurrentDataset): Promise<{ text: string } | { damage: Damage }> {
  const damage = (code: Damage['code'], detail: string) => ({
    damage: { name: d.name, code, detail, shipped: d.path !== null, file: fileOf(d) }
  });
  let text: string;
  try {
    text = textOf(await readCurrentBytes(d));
  } catch (err) {
    if (err instanceof StoreError && err.code === 'corrupt') return damage('corrupt', err.message);
    if (err instanceof StoreError && err.code === 'missing_blob') return damage('missing', err.message);
    return damage('unreadable', (err as NodeJS.ErrnoException).code ?? 'read error'); // the path goes to the log, not the page
  }
  // The header must name the columns the kind cannot do without, and no more fields than the data has:
  // a header cut short would otherwise load as rows without an indicator, and silently show nothing.
  const [header = [], first = []] = Papa.parse<string[]>(text, { preview: 2 }).data;
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED[d.kind].filter((c) => !names.includes(c));
  if (missing.length)
    return damage('header', `missing column(s) ${missing.join(', ')} (expected ${CONTRACT[d.kind].join(', ')})`);
  if (first.length > header.length)
    return damage('header', `the header names ${header.length} columns, the first row has ${first.length} fields`);
  return { text };
}

/** The dataset a load error names (`loadDatasets` prefixes its errors with the file's name). */
function culprit(err: unknown, files: readonly DatasetFile[]): DatasetFile | undefined {
  const message = err instanceof Error ? err.message : String(err);
  return files.find((f) => message.startsWith(`${f.name}: `));
}

/**
 * Loads the current datasets into `db`, each checked on its own: a content that no longer matches its
 * hash, a missing one, a header without the kind's columns, a CSV the reader refuses — that dataset is
 * left out, with its name and the reason, and every other one is loaded. Runs in a worker thread.
 */
export async function loadCurrent(db: Connector, list: readonly CurrentDataset[]): Promise<LoadResult> {
  const damaged: Damage[] = [];
  const files: DatasetFile[] = [];
  const manifest: DatasetEntry[] = [];
  for (const d of list) {
    const got = await read(d);
    if ('damage' in got) {
      damaged.push(got.damage);
      continue;
    }
    files.push({ name: d.name, kind: d.kind, text: got.text, replaces: d.replaces });
    manifest.push({
      name: d.name,
      kind: d.kind,
      bytes: Buffer.byteLength(got.text),
      version: manifestVersion(d.number, got.text, d.record?.sha256),
      ...(d.replaces ? { replaces: true } : {})
    });
  }
  // One load of them all (one rebuild of the derived tables); a file the reader refuses is named by
  // the error, left out, and the others loaded again.
  for (;;) {
    try {
      await loadDatasets(new Coordinator(db), files);
      break;
    } catch (err) {
      const bad = culprit(err, files);
      if (!bad) throw err;
      const d = list.find((x) => x.name === bad.name)!;
      const detail = (err instanceof Error ? err.message : String(err))
        .slice(bad.name.length + 2)
        .split('\n')[0]!
        .slice(0, 500);
      damaged.push({ name: bad.name, code: 'malformed', detail, shipped: d.path !== null, file: fileOf(d) });
      files.splice(files.indexOf(bad), 1);
      manifest.splice(
        manifest.findIndex((m) => m.name === bad.name),
        1
      );
    }
  }
  return { manifest, damaged };
}
