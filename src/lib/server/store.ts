import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MAX_IMPORT_BYTES } from '$lib/import/limits';
import type { DatasetKind } from '$lib/queries/datasets';
import { fileStream, sha256, type SizedStream } from './file-stream';
import { atomicWrite, clearLeftovers, serial, withFileLock } from './fsio';
import { kindOfName } from './names';
import { highestVersionNamed, isVersionRecord, salvageVersions } from './salvage';

/** What made a version. */
export type VersionAction = 'publish' | 'restore' | 'withdraw';

/** One version of a dataset, as its manifest records it. Version 0 (the shipped file) is not recorded. */
export interface VersionRecord {
  /** 1, 2, 3…: allocated under the dataset's lock, never reused. */
  version: number;
  action: VersionAction;
  /** SHA-256 of the content (hex); null for a withdrawal, which has no content. */
  sha256: string | null;
  bytes: number;
  /** Data rows, when the writer counted them. */
  rows: number | null;
  /** When, ISO 8601. */
  at: string;
  /** Account name of who did it. */
  by: string;
  /** The file the editor uploaded (publish), or the restored version's. */
  fileName: string | null;
  /** The version a restore copied. */
  restoredFrom: number | null;
  /** Its rows hide earlier rows of the same indicator and period (an import in "replace" mode). */
  replaces: boolean;
}

/** A dataset known to the store and every version it recorded, oldest first. */
export interface StoredDataset {
  name: string;
  kind: DatasetKind;
  versions: VersionRecord[];
  /**
   * Set when the dataset's manifest cannot be read (cut short, edited by hand): why. `versions` are
   * then those it still holds, and the next write (a restore) makes it whole again.
   */
  damage?: string;
}

/** Who writes a version, and what the store keeps about it. */
export interface WriteMeta {
  by: string;
  fileName?: string | null;
  rows?: number | null;
  replaces?: boolean;
  /** `restore` when the content is an earlier version's (version 0 is copied, not referenced). */
  action?: 'publish' | 'restore';
  restoredFrom?: number | null;
}

/** Why the store refused a write. */
export type StoreErrorCode = 'bad_name' | 'too_large' | 'unknown_version' | 'missing_blob' | 'corrupt';

/** A refused write or a failed read, with a code the endpoints map to an HTTP status. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string
  ) {
    super(message);
  }
}

/**
 * The versioned dataset store, behind one small interface: the embedded file-system store below, or an
 * object-storage one (see the README) when one server is not enough.
 */
export interface DatasetStore {
  /** Every dataset with recorded versions. */
  list(): Promise<StoredDataset[]>;
  /** A dataset's versions, oldest first (empty when it has none). */
  versions(name: string): Promise<VersionRecord[]>;
  /** A version's content; null for a withdrawal. Checked against its SHA-256. */
  read(name: string, version: number): Promise<Uint8Array | null>;
  /** The same as a stream, checked as it is read: it fails rather than end when the content does not match. */
  stream(name: string, version: number): Promise<SizedStream | null>;
  /** Stores `bytes` as the dataset's next version. */
  publish(name: string, bytes: Uint8Array, meta: WriteMeta): Promise<VersionRecord>;
  /** Makes an earlier recorded version current again, as a new version (nothing is deleted). */
  restore(name: string, version: number, meta: { by: string }): Promise<VersionRecord>;
  /** Takes a dataset off the dashboard, as a new version without content (a restore brings it back). */
  withdraw(name: string, meta: { by: string }): Promise<VersionRecord>;
}

interface ManifestFile {
  name: string;
  versions: VersionRecord[];
  /** Why the file on disk could not be read as a whole (see StoredDataset.damage). */
  damage?: string;
  /** The highest version number the damaged file still names (the next one is numbered past it). */
  named?: number;
}

/** A manifest's text as the store reads it: whole, or the versions salvaged from it and why it is damaged. */
function parseManifest(name: string, text: string, file: string): ManifestFile {
  try {
    const parsed = JSON.parse(text) as Partial<ManifestFile> | null;
    if (!Array.isArray(parsed?.versions) || !parsed.versions.every(isVersionRecord)) throw new Error('not a list of versions');
    return { name, versions: parsed.versions };
  } catch (err) {
    return {
      name,
      versions: salvageVersions(text),
      damage: `${file}: ${err instanceof Error ? err.message : String(err)}`,
      named: highestVersionNamed(text)
    };
  }
}

/** Options of the file-system store. */
export interface FileStoreOptions {
  /** Test hook: runs after a version's content is written and synced, before it is recorded. */
  beforeRecord?: (name: string) => Promise<void>;
}

const missing = (name: string, version: number) => new StoreError('missing_blob', `${name} v${version}: content missing`);
const corrupt = (name: string, version: number) =>
  new StoreError('corrupt', `${name} v${version}: content does not match its hash`);

/**
 * The embedded store: a folder (`VIGIE_STORE_DIR`, default `var/`).
 *
 * ```
 * blobs/ab/<sha256>.csv        each version's content, immutable, named by its hash (a restore reuses it)
 * datasets/<name>.json         a dataset's manifest: its versions, replaced atomically on each write
 * datasets/<name>.lock         held while the manifest is rewritten (cross-process)
 * tmp/                         temporary files; a crash leaves them here, unreferenced
 * ```
 * A version exists once its manifest names it; its content is on disk (synced) before that.
 */
export class FileStore implements DatasetStore {
  readonly #cache = new Map<string, { stamp: string; manifest: ManifestFile }>();

  constructor(
    readonly root: string,
    private readonly options: FileStoreOptions = {}
  ) {}

  get #datasetsDir() {
    return join(this.root, 'datasets');
  }

  #manifestPath(name: string) {
    return join(this.#datasetsDir, `${encodeURIComponent(name)}.json`);
  }

  #blobPath(sha: string) {
    return join(this.root, 'blobs', sha.slice(0, 2), `${sha}.csv`);
  }

  /** Clears what a crash may have left: temporary files and dead processes' locks. */
  async recover(options: { tempOlderThanMs?: number } = {}): Promise<string[]> {
    return clearLeftovers(this.root, [this.#datasetsDir], options.tempOlderThanMs ?? 15 * 60_000);
  }

  /** A manifest as on disk now (re-read only when its file changed). */
  async #manifest(name: string): Promise<ManifestFile> {
    const path = this.#manifestPath(name);
    const s = await stat(path).catch(() => null);
    if (!s) return { name, versions: [] };
    const stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
    const cached = this.#cache.get(name);
    if (cached?.stamp === stamp) return cached.manifest;
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) =>
      err.code === 'ENOENT' ? null : Promise.reject(err)
    );
    const manifest = text === null ? { name, versions: [] } : parseManifest(name, text, basename(path));
    this.#cache.set(name, { stamp, manifest });
    return manifest;
  }

  async list(): Promise<StoredDataset[]> {
    const files = (await readdir(this.#datasetsDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
    const out: StoredDataset[] = [];
    for (const f of files.sort()) {
      const name = decodeURIComponent(f.slice(0, -'.json'.length));
      const kind = kindOfName(name);
      if (!kind) continue;
      const { versions, damage } = await this.#manifest(name);
      if (versions.length || damage) out.push({ name, kind, versions, ...(damage ? { damage } : {}) });
    }
    return out;
  }

  async versions(name: string): Promise<VersionRecord[]> {
    if (!kindOfName(name)) return [];
    return (await this.#manifest(name)).versions;
  }

  async read(name: string, version: number): Promise<Uint8Array | null> {
    const record = await this.#record(name, version);
    return record.sha256 ? this.#content(name, version, record.sha256) : null;
  }

  /** A version's stored content, checked against its hash. */
  async #content(name: string, version: number, sha: string): Promise<Uint8Array> {
    const bytes = await readFile(this.#blobPath(sha)).catch(() => {
      throw missing(name, version);
    });
    if (sha256(bytes) !== sha) throw corrupt(name, version);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async stream(name: string, version: number): Promise<SizedStream | null> {
    const record = await this.#record(name, version);
    if (!record.sha256) return null;
    const check = { sha256: record.sha256, mismatch: () => corrupt(name, version) };
    return fileStream(this.#blobPath(record.sha256), check).catch(() => {
      throw missing(name, version);
    });
  }

  async #record(name: string, version: number): Promise<VersionRecord> {
    const record = (await this.versions(name)).find((v) => v.version === version);
    if (!record) throw new StoreError('unknown_version', `${name} has no version ${version}`);
    return record;
  }

  /** Appends a version under the dataset's locks: in-process queue (call order), then the lock file. */
  #append(name: string, make: (versions: VersionRecord[]) => Promise<Omit<VersionRecord, 'version'>>): Promise<VersionRecord> {
    return withFileLock(join(this.#datasetsDir, `${encodeURIComponent(name)}.lock`), async () => {
      this.#cache.delete(name); // another process may have written since: read the disk
      const manifest = await this.#manifest(name);
      // A damaged manifest is kept aside, then rewritten whole: the versions it still held and this one.
      if (manifest.damage) await copyFile(this.#manifestPath(name), `${this.#manifestPath(name)}.damaged-${Date.now()}`);
      const last = Math.max(manifest.versions.at(-1)?.version ?? 0, manifest.named ?? 0);
      const record: VersionRecord = { version: last + 1, ...(await make(manifest.versions)) };
      const next: ManifestFile = { name, versions: [...manifest.versions, record] };
      await atomicWrite(this.root, this.#manifestPath(name), JSON.stringify(next, null, 1));
      this.#cache.delete(name);
      return record;
    });
  }

  #check(name: string, bytes?: Uint8Array): void {
    if (!kindOfName(name)) throw new StoreError('bad_name', `Not a dataset name: ${JSON.stringify(name)}`);
    if (bytes && bytes.byteLength > MAX_IMPORT_BYTES)
      throw new StoreError('too_large', `${name}: over ${MAX_IMPORT_BYTES} bytes`);
  }

  async publish(name: string, bytes: Uint8Array, meta: WriteMeta): Promise<VersionRecord> {
    this.#check(name, bytes);
    // Queued at call time (before any await), so versions follow the order the publishes arrived in.
    return serial(`${this.root}\0${name}`, async () => {
      const sha = sha256(bytes);
      const blob = this.#blobPath(sha);
      if (!(await stat(blob).catch(() => null))) await atomicWrite(this.root, blob, bytes, 0o444);
      await this.options.beforeRecord?.(name);
      return this.#append(name, async () => ({
        action: meta.action ?? 'publish',
        sha256: sha,
        bytes: bytes.byteLength,
        rows: meta.rows ?? null,
        at: new Date().toISOString(),
        by: meta.by,
        fileName: meta.fileName ?? null,
        restoredFrom: meta.restoredFrom ?? null,
        replaces: meta.replaces ?? false
      }));
    });
  }

  async restore(name: string, version: number, meta: { by: string }): Promise<VersionRecord> {
    this.#check(name);
    return serial(`${this.root}\0${name}`, () =>
      this.#append(name, async (versions) => {
        const target = versions.find((v) => v.version === version);
        if (!target) throw new StoreError('unknown_version', `${name} has no version ${version}`);
        // Restoring a damaged content would only move the damage to the current version.
        if (target.sha256) await this.#content(name, version, target.sha256);
        return {
          action: 'restore',
          sha256: target.sha256,
          bytes: target.bytes,
          rows: target.rows,
          at: new Date().toISOString(),
          by: meta.by,
          fileName: target.fileName,
          restoredFrom: version,
          replaces: target.replaces
        };
      })
    );
  }

  async withdraw(name: string, meta: { by: string }): Promise<VersionRecord> {
    this.#check(name);
    return serial(`${this.root}\0${name}`, () =>
      this.#append(name, async () => ({
        action: 'withdraw',
        sha256: null,
        bytes: 0,
        rows: 0,
        at: new Date().toISOString(),
        by: meta.by,
        fileName: null,
        restoredFrom: null,
        replaces: false
      }))
    );
  }
}
