import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DatasetHistory, SessionUser, VersionView } from '$lib/publishing/types';
import { changeSummary, sha256Text, type Side } from './changes';
import { readVersion, shippedPath } from './current';
import { listDataDir } from './datadir';
import { shownDamage } from './damage';
import { freshEngine, serverEngine } from './engine';
import { services } from './services';
import { StoreError, type VersionRecord } from './store';
import type { DatasetKind } from '$lib/queries/datasets';
import type { ChangeSummary } from '$lib/publishing/types';

/** Why a restore or withdrawal is refused. */
export type VersionErrorCode =
  'unknown_dataset' | 'unknown_version' | 'already_current' | 'not_withdrawable' | 'already_withdrawn' | 'corrupt';

/** A refused restore or withdrawal; `status` is the HTTP status to answer with. */
export class VersionError extends Error {
  constructor(
    readonly code: VersionErrorCode,
    readonly status: number
  ) {
    super(code);
  }
}

interface Known {
  name: string;
  kind: DatasetKind;
  shipped: string | null;
  records: VersionRecord[];
  /** Its manifest is damaged: `records` are those salvaged from it. */
  damaged: boolean;
}

/** Every dataset shipped or published: shipped ones in their order, then published-only ones by name. */
async function known(): Promise<Known[]> {
  const [shipped, stored] = await Promise.all([listDataDir(), services().store.list()]);
  const byName = new Map(stored.map((d) => [d.name, d] as const));
  const out: Known[] = shipped.map((f) => ({
    name: f.name,
    kind: f.kind,
    shipped: f.path,
    records: byName.get(f.name)?.versions ?? [],
    damaged: !!byName.get(f.name)?.damage
  }));
  for (const d of stored)
    if (!shipped.some((f) => f.name === d.name))
      out.push({ name: d.name, kind: d.kind, shipped: null, records: d.versions, damaged: !!d.damage });
  return out;
}

/** The version the dashboard shows, or null when withdrawn. */
function currentOf(d: Known): number | null {
  if (d.damaged) return null;
  const last = d.records.at(-1);
  if (!last) return d.shipped ? 0 : null;
  return last.sha256 ? last.version : null;
}

/** A version as one side of a comparison: hashes from the manifest, the shipped file hashed as read. */
async function side(d: Known, version: number | null): Promise<Side> {
  if (version === null) return { version: null, sha: null };
  if (version === 0) {
    const text = await readVersion(d.name, 0);
    return { version, sha: text === null ? null : sha256Text(text) };
  }
  return { version, sha: d.records.find((r) => r.version === version)!.sha256 };
}

async function summary(d: Known, before: number | null, after: number): Promise<ChangeSummary | null> {
  try {
    return await changeSummary(services().root, d.name, d.kind, await side(d, before), await side(d, after));
  } catch {
    return null; // an unreadable version is shown without its summary rather than hiding the history
  }
}

/**
 * Every version of every dataset, newest first, with what each changed against the one before, and
 * why a dataset is left out of the dashboard when it is.
 */
export async function history(): Promise<DatasetHistory[]> {
  // The history must show even when the data cannot load at all: it is where they are repaired.
  const left = await serverEngine().then(
    (s) => s.damaged,
    () => []
  );
  const damaged = new Map(shownDamage(left).map((d) => [d.name, d] as const));
  const out: DatasetHistory[] = [];
  for (const d of await known()) {
    const current = currentOf(d);
    const views: VersionView[] = [];
    const numbers = [...(d.shipped ? [0] : []), ...d.records.map((r) => r.version)];
    for (const [i, n] of numbers.entries()) {
      const record = d.records.find((r) => r.version === n) ?? null;
      const changes = await summary(d, i > 0 ? numbers[i - 1]! : null, n);
      views.push({
        version: n,
        action: record ? record.action : 'shipped',
        at: record?.at ?? null,
        by: record?.by ?? null,
        fileName: record ? record.fileName : basename(d.name),
        rows: changes?.rows ?? record?.rows ?? null,
        bytes: record?.bytes ?? 0,
        restoredFrom: record?.restoredFrom ?? null,
        hasContent: record ? record.sha256 !== null : true,
        changes: n === 0 ? null : changes,
        current: n === current
      });
    }
    if (d.shipped && views[0]) views[0].bytes = Buffer.byteLength(await readFile(d.shipped));
    out.push({ name: d.name, kind: d.kind, current, versions: views.reverse(), damage: damaged.get(d.name) ?? null });
  }
  return out;
}

/** Waits until the server's engine shows the change just made (a failed load is logged; the change stands). */
async function shown(): Promise<void> {
  await freshEngine().catch(() => {});
}

async function find(name: string): Promise<Known> {
  const d = (await known()).find((k) => k.name === name);
  if (!d) throw new VersionError('unknown_dataset', 404);
  return d;
}

/** Makes an earlier version current again, as a new version; version 0 copies the shipped file. */
export async function restoreVersion(
  user: SessionUser,
  name: string,
  version: number,
  ip: string | null = null
): Promise<VersionRecord> {
  const d = await find(name);
  const exists = version === 0 ? !!d.shipped : d.records.some((r) => r.version === version);
  if (!Number.isInteger(version) || !exists) throw new VersionError('unknown_version', 404);
  if (currentOf(d) === version) throw new VersionError('already_current', 409);
  const { store, audit } = services();
  let record: VersionRecord;
  if (version === 0) {
    const path = await shippedPath(name);
    if (!path) throw new VersionError('unknown_version', 404);
    const bytes = new Uint8Array(await readFile(path));
    record = await store.publish(name, bytes, { by: user.name, fileName: basename(name), action: 'restore', restoredFrom: 0 });
  } else {
    record = await store.restore(name, version, { by: user.name }).catch((err: unknown) => {
      if (err instanceof StoreError && err.code === 'unknown_version') throw new VersionError('unknown_version', 404);
      if (err instanceof StoreError && (err.code === 'corrupt' || err.code === 'missing_blob'))
        throw new VersionError('corrupt', 409);
      throw err;
    });
  }
  await audit.record({
    event: 'restore',
    user: user.name,
    ip,
    dataset: name,
    version: record.version,
    detail: `from v${version}`
  });
  await shown();
  return record;
}

/** Takes an observations dataset (the sample, say) off the dashboard; a restore brings it back. */
export async function withdrawDataset(user: SessionUser, name: string, ip: string | null = null): Promise<VersionRecord> {
  const d = await find(name);
  if (d.kind !== 'observations') throw new VersionError('not_withdrawable', 422);
  if (currentOf(d) === null) throw new VersionError('already_withdrawn', 409);
  const { store, audit } = services();
  const record = await store.withdraw(name, { by: user.name });
  await audit.record({ event: 'withdraw', user: user.name, ip, dataset: name, version: record.version });
  await shown();
  return record;
}

/** Whether `name` is a dataset the server knows (shipped or published), for downloads of any version. */
export async function isKnownDataset(name: string): Promise<boolean> {
  return (await known()).some((k) => k.name === name);
}
