import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { DatasetEntry, DatasetFile, DatasetKind } from '$lib/queries/datasets';
import { listDataDir } from './datadir';
import { services } from './services';
import { StoreError, type VersionRecord } from './store';

/** A dataset the dashboard shows now: the store's latest version, or the shipped file (version 0). */
export interface CurrentDataset {
  name: string;
  kind: DatasetKind;
  /** 0 for the file of data/, else the store's version. */
  number: number;
  replaces: boolean;
  /** Changes whenever the content may have changed: cheap to compute on every request. */
  stamp: string;
  /** The store's record, for a published version. */
  record: VersionRecord | null;
  /** The shipped file's path, for version 0. */
  path: string | null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The current datasets, in load order: the shipped ones first (their own order), then the ones only
 * published, oldest latest-change first, so that a later "replace" publish masks earlier rows.
 * Withdrawn datasets are left out. Reads manifests and file times only, never contents.
 */
export async function listCurrent(): Promise<CurrentDataset[]> {
  const [shipped, stored] = await Promise.all([listDataDir(), services().store.list()]);
  const latest = new Map(stored.map((d) => [d.name, d] as const));
  const out: CurrentDataset[] = [];
  for (const f of shipped) {
    const published = latest.get(f.name);
    latest.delete(f.name);
    if (published) {
      const record = published.versions.at(-1)!;
      if (record.sha256) out.push(fromRecord(f.name, f.kind, record));
      continue;
    }
    const s = await stat(f.path);
    out.push({
      name: f.name,
      kind: f.kind,
      number: 0,
      replaces: false,
      stamp: `0:${s.mtimeMs}:${s.size}`,
      record: null,
      path: f.path
    });
  }
  const rest = [...latest.values()].sort(
    (a, b) => a.versions.at(-1)!.at.localeCompare(b.versions.at(-1)!.at) || a.name.localeCompare(b.name)
  );
  for (const d of rest) {
    const record = d.versions.at(-1)!;
    if (record.sha256) out.push(fromRecord(d.name, d.kind, record));
  }
  return out;
}

function fromRecord(name: string, kind: DatasetKind, record: VersionRecord): CurrentDataset {
  return {
    name,
    kind,
    number: record.version,
    replaces: record.replaces,
    stamp: `${record.version}:${record.sha256}`,
    record,
    path: null
  };
}

/** A current dataset's text. */
export async function readCurrent(d: CurrentDataset): Promise<string> {
  if (d.path) return stripBom(await readFile(d.path, 'utf8'));
  const bytes = await services().store.read(d.name, d.number);
  return bytes ? stripBom(new TextDecoder().decode(bytes)) : '';
}

/** The manifest version of a dataset: its number and a content hash, `3-1f2e…` (0 for data/). */
export function manifestVersion(number: number, text: string, sha?: string | null): string {
  return `${number}-${(sha ?? createHash('sha256').update(text).digest('hex')).slice(0, 12)}`;
}

/** Reads the current datasets: the files to load and the manifest the browsers get. */
export async function readAll(list: readonly CurrentDataset[]): Promise<{ files: DatasetFile[]; manifest: DatasetEntry[] }> {
  const texts = await Promise.all(list.map(readCurrent));
  const files = list.map((d, i) => ({ name: d.name, kind: d.kind, text: texts[i]!, replaces: d.replaces }));
  const manifest = list.map((d, i): DatasetEntry => ({
    name: d.name,
    kind: d.kind,
    bytes: Buffer.byteLength(texts[i]!),
    version: manifestVersion(d.number, texts[i]!, d.record?.sha256),
    ...(d.replaces ? { replaces: true } : {})
  }));
  return { files, manifest };
}

/** The shipped file of a dataset (its version 0), or null when data/ has none. */
export async function shippedPath(name: string): Promise<string | null> {
  return (await listDataDir()).find((f) => f.name === name)?.path ?? null;
}

/**
 * Any version's text: 0 is the shipped file, others come from the store; null for a withdrawal.
 * Throws StoreError('unknown_version') for a version that does not exist.
 */
export async function readVersion(name: string, version: number): Promise<string | null> {
  if (version === 0) {
    const path = await shippedPath(name);
    if (!path) throw new StoreError('unknown_version', `${name} has no version 0`);
    return stripBom(await readFile(path, 'utf8'));
  }
  const bytes = await services().store.read(name, version);
  return bytes ? stripBom(new TextDecoder().decode(bytes)) : null;
}

/** Datasets a withdrawal took off the dashboard (the Données page says so, and where to bring them back). */
export async function withdrawnNames(): Promise<string[]> {
  return (await services().store.list()).filter((d) => d.versions.at(-1)!.sha256 === null).map((d) => d.name);
}
