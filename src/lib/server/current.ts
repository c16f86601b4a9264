import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetKind } from '$lib/queries/datasets';
import type { Damage } from './damage';
import { listDataDir, stripBom } from './datadir';
import { fileStream, type SizedStream } from './file-stream';
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

/** The current datasets, and those left out because their manifest cannot be read. */
export interface Survey {
  list: CurrentDataset[];
  damaged: Damage[];
}

/**
 * The current datasets, in load order: the shipped ones first (their own order), then the ones only
 * published, oldest latest-change first, so that a later "replace" publish masks earlier rows.
 * Withdrawn datasets are left out, and so are those whose manifest is damaged (not even their shipped
 * version stands in: the page says why, and a restore repairs it). Reads manifests and file times only.
 */
export async function survey(): Promise<Survey> {
  const [shipped, stored] = await Promise.all([listDataDir(), services().store.list()]);
  const latest = new Map(stored.map((d) => [d.name, d] as const));
  const list: CurrentDataset[] = [];
  const damaged: Damage[] = stored
    .filter((d) => d.damage)
    .map((d) => ({
      name: d.name,
      code: 'manifest' as const,
      detail: d.damage!,
      shipped: false,
      file: join(services().root, 'datasets', `${encodeURIComponent(d.name)}.json`)
    }));
  for (const f of shipped) {
    const published = latest.get(f.name);
    latest.delete(f.name);
    if (published) {
      const record = published.versions.at(-1);
      if (!published.damage && record?.sha256) list.push(fromRecord(f.name, f.kind, record));
      continue;
    }
    const s = await stat(f.path);
    list.push({
      name: f.name,
      kind: f.kind,
      number: 0,
      replaces: false,
      stamp: `0:${s.mtimeMs}:${s.size}`,
      record: null,
      path: f.path
    });
  }
  const rest = [...latest.values()]
    .filter((d) => !d.damage && d.versions.length)
    .sort((a, b) => a.versions.at(-1)!.at.localeCompare(b.versions.at(-1)!.at) || a.name.localeCompare(b.name));
  for (const d of rest) {
    const record = d.versions.at(-1)!;
    if (record.sha256) list.push(fromRecord(d.name, d.kind, record));
  }
  return { list, damaged };
}

/** The current datasets, in load order (see `survey`). */
export async function listCurrent(): Promise<CurrentDataset[]> {
  return (await survey()).list;
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

/** A current dataset's bytes as stored (the store's are checked against their hash). */
export async function readCurrentBytes(d: CurrentDataset): Promise<Uint8Array> {
  if (d.path) return new Uint8Array(await readFile(d.path));
  return (await services().store.read(d.name, d.number)) ?? new Uint8Array();
}

/**
 * A current dataset's bytes as stored, as a stream of known size (the store's checked against their
 * hash as they are read): a download holds no copy of the file, 82 MB at 1 M observations.
 */
export async function openCurrent(d: CurrentDataset): Promise<SizedStream> {
  if (d.path) return fileStream(d.path);
  return (await services().store.stream(d.name, d.number)) ?? { body: new Blob([]).stream(), size: 0 };
}

/** Bytes as text: UTF-8, without a byte order mark. */
export function textOf(bytes: Uint8Array): string {
  return stripBom(new TextDecoder().decode(bytes));
}

/** The manifest version of a dataset: its number and a content hash, `3-1f2e…` (0 for data/). */
export function manifestVersion(number: number, text: string, sha?: string | null): string {
  return `${number}-${(sha ?? createHash('sha256').update(text).digest('hex')).slice(0, 12)}`;
}

/** The versions of shipped files, by name, with the stamp (time and size) they were hashed at. */
const shippedVersions = new Map<string, { stamp: string; version: Promise<string> }>();

/**
 * The manifest version of a current dataset: a published one's from the store's recorded hash; a
 * shipped file's content read and hashed once per stamp. Decoding and hashing 82 MB of text takes
 * about a second and 250 MB, on the thread that answers every request: not on each download, and once
 * for downloads asked at the same moment (twenty managers opening the dashboard after a restart).
 */
export function versionOf(d: CurrentDataset): Promise<string> {
  if (d.record?.sha256) return Promise.resolve(manifestVersion(d.number, '', d.record.sha256));
  const kept = shippedVersions.get(d.name);
  if (kept?.stamp === d.stamp) return kept.version;
  const version = readCurrentBytes(d).then((bytes) => manifestVersion(d.number, textOf(bytes)));
  shippedVersions.set(d.name, { stamp: d.stamp, version });
  // A failed read is not kept: the next download tries again.
  version.catch(() => shippedVersions.get(d.name)?.version === version && shippedVersions.delete(d.name));
  return version;
}

/** The shipped file of a dataset (its version 0), or null when data/ has none. */
export async function shippedPath(name: string): Promise<string | null> {
  return (await listDataDir()).find((f) => f.name === name)?.path ?? null;
}

/**
 * Any version's bytes as stored: 0 is the shipped file, others come from the store (checked against
 * their hash); null for a withdrawal. Throws StoreError('unknown_version') for a version that does not exist.
 */
export async function readVersionBytes(name: string, version: number): Promise<Uint8Array | null> {
  if (version === 0) return new Uint8Array(await readFile(await versionZero(name)));
  return services().store.read(name, version);
}

/** The same as a stream (the store's checked against their hash as they are read); null for a withdrawal. */
export async function openVersion(name: string, version: number): Promise<SizedStream | null> {
  if (version === 0) return fileStream(await versionZero(name));
  return services().store.stream(name, version);
}

/** The path of a dataset's version 0, the shipped file; StoreError('unknown_version') when data/ has none. */
async function versionZero(name: string): Promise<string> {
  const path = await shippedPath(name);
  if (!path) throw new StoreError('unknown_version', `${name} has no version 0`);
  return path;
}

/** Any version's text (see `readVersionBytes`); null for a withdrawal. */
export async function readVersion(name: string, version: number): Promise<string | null> {
  const bytes = await readVersionBytes(name, version);
  return bytes ? textOf(bytes) : null;
}

/** Datasets a withdrawal took off the dashboard (the Données page says so, and where to bring them back). */
export async function withdrawnNames(): Promise<string[]> {
  return (await services().store.list()).filter((d) => !d.damage && d.versions.at(-1)?.sha256 === null).map((d) => d.name);
}
