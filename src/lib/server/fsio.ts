import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';

/**
 * Why the store's folder refused the server: it cannot be written (permissions, read-only mount), it
 * is full, or its files cannot even be read (permissions).
 */
export type WriteRefusal = 'read_only' | 'full' | 'unreadable';

const REFUSALS: Record<string, WriteRefusal> = {
  EACCES: 'read_only',
  EPERM: 'read_only',
  EROFS: 'read_only',
  ENOSPC: 'full',
  EDQUOT: 'full'
};

const MESSAGES: Record<WriteRefusal, string> = {
  read_only:
    'The server cannot save anything: its store folder is read-only for it. Tell the administrator. / Le serveur ne peut rien enregistrer : son dossier de stockage lui est en lecture seule. Prévenez l’administrateur.',
  full: 'The server cannot save anything: its store folder is full. Tell the administrator. / Le serveur ne peut rien enregistrer : son dossier de stockage est plein. Prévenez l’administrateur.',
  unreadable:
    'The server cannot read its store folder (permissions). Tell the administrator. / Le serveur ne peut pas lire son dossier de stockage (permissions). Prévenez l’administrateur.'
};

/** A write the store's folder refused, with words an administrator can act on (never "Internal Error"). */
export class StoreWriteError extends Error {
  constructor(
    readonly reason: WriteRefusal,
    readonly path: string,
    readonly errno: string
  ) {
    // No path in the message: it may reach an anonymous visitor; `logLine` names the file for the log.
    super(MESSAGES[reason]);
  }

  /** For the server's log: what failed, and where. */
  get logLine(): string {
    return `Vigie: store folder refused (${this.reason}): ${this.errno} on ${this.path}`;
  }
}

/** `err` as a StoreWriteError when the file system refused a write for want of rights or room; else `err`. */
export function writeRefusal(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  return code in REFUSALS ? new StoreWriteError(REFUSALS[code]!, path, code) : err;
}

/** `err` as a StoreWriteError when the file system refused a read for want of rights; else `err`. */
export function readRefusal(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  return code === 'EACCES' || code === 'EPERM' ? new StoreWriteError('unreadable', path, code) : err;
}

/** Runs a write; a refusal of the file system becomes a StoreWriteError naming `path`. */
export async function writing<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw writeRefusal(err, path);
  }
}

/** Where every temporary file of a store lives: one folder, so recovery knows what to clear. */
export function tempDir(root: string): string {
  return join(root, 'tmp');
}

/** This machine's name as a file name part (letters, digits, `-` only). */
const HOST =
  hostname()
    .replace(/[^A-Za-z0-9-]/g, '-')
    .slice(0, 64) || 'host';

/**
 * A new temporary file's path: `<kind>.<host>.<pid>.<random>.tmp`. Its name says which process
 * writes it, so that recovery can tell one whose writer died (same machine, process gone) from one
 * another process or server is still writing.
 */
export function tempPath(root: string, kind = 'write'): string {
  return join(tempDir(root), `${kind}.${HOST}.${process.pid}.${randomUUID()}.tmp`);
}

/** Whether a temporary file was left by a process of this machine that no longer runs. */
function writerIsDead(file: string): boolean {
  const [, host, pid] = file.split('.');
  return host === HOST && /^\d+$/.test(pid ?? '') && Number(pid) !== process.pid && !alive(Number(pid));
}

/** Makes a directory's new entries durable (a rename is only on disk once its directory is synced). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes `data` to `target` so that a reader sees either the old file or the whole new one, never a
 * part: write a temporary file in the store, fsync it, rename it over the target, fsync the folder.
 * A crash leaves at most a temporary file, which nothing references.
 */
export async function atomicWrite(root: string, target: string, data: Uint8Array | string, mode = 0o644): Promise<void> {
  await writing(target, async () => {
    await mkdir(tempDir(root), { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const tmp = tempPath(root);
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } catch (err) {
      await fh.close();
      await rm(tmp, { force: true });
      throw err;
    }
    await fh.close();
    try {
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await syncDir(dirname(target));
  });
}

/** Reads and parses a JSON file, or returns `fallback` when it does not exist. */
export async function readJson<T>(path: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw err;
  }
  return JSON.parse(text) as T;
}

/** Appends one line and syncs it: an append-only log that survives a crash right after the call. */
export async function appendLine(path: string, line: string): Promise<void> {
  await writing(path, async () => {
    await mkdir(dirname(path), { recursive: true });
    const fh = await open(path, 'a', 0o640);
    try {
      await fh.write(line.endsWith('\n') ? line : `${line}\n`);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  });
}

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key has settled, in call order: the in-process
 * queue that gives concurrent publishes to one dataset a defined order (the order they arrived in).
 */
export function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** What a lock file holds: who took it, so that a lock left by a dead process can be told apart. */
interface LockOwner {
  pid: number;
  host: string;
  at: number;
}

/** Options of `withFileLock`. */
export interface LockOptions {
  /** A lock older than this is taken over (its holder hung or died on another machine). */
  staleMs?: number;
  /** Gives up after this long. */
  timeoutMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lock file was left by a process that died (same machine) or is older than `staleMs`. */
export async function lockIsStale(path: string, staleMs: number): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as LockOwner;
    if (owner.host === hostname() && !alive(owner.pid)) return true;
    return Date.now() - owner.at > staleMs;
  } catch {
    // Unreadable or half-written (its writer died between create and write): judge by age.
    const s = await stat(path).catch(() => null);
    return !s || Date.now() - s.mtimeMs > Math.min(staleMs, 2000);
  }
}

/**
 * Runs `fn` holding an exclusive lock file (created with O_EXCL, which shared disks such as NFS v3+
 * honour), so that two processes never rewrite the same manifest at once. The lock is held only for a
 * manifest's read-modify-write: milliseconds.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  await writing(path, () => mkdir(dirname(path), { recursive: true }));
  const owner: LockOwner = { pid: process.pid, host: hostname(), at: Date.now() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o644);
      try {
        await fh.writeFile(JSON.stringify(owner));
      } finally {
        await fh.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw writeRefusal(err, path);
      if (await lockIsStale(path, staleMs)) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`Lock ${path} still held after ${options.timeoutMs ?? 60_000} ms`, { cause: err });
      await new Promise((r) => setTimeout(r, Math.min(5 + attempt * 5, 50)));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * Recovery of a store: removes temporary files left by a write that never finished — at once when the
 * process that wrote it (named in the file's name, see `tempPath`) is gone from this machine, else once
 * older than `olderThanMs` (so that another server sharing the folder keeps its writes in flight) —
 * and lock files of dead processes. Returns what was removed.
 */
export async function clearLeftovers(root: string, lockDirs: string[], olderThanMs: number): Promise<string[]> {
  const removed: string[] = [];
  const tmp = tempDir(root);
  for (const f of await readdir(tmp).catch(() => [] as string[])) {
    const path = join(tmp, f);
    const s = await stat(path).catch(() => null);
    // Whole milliseconds, as Date.now(): a file written in this millisecond is 0 ms old, not -0.4.
    if (s && (writerIsDead(f) || Date.now() - Math.floor(s.mtimeMs) >= olderThanMs)) {
      await rm(path, { force: true, recursive: true });
      removed.push(path);
    }
  }
  for (const dir of lockDirs) {
    for (const f of await readdir(dir).catch(() => [] as string[])) {
      if (!f.endsWith('.lock')) continue;
      const path = join(dir, f);
      if (await lockIsStale(path, 30_000)) {
        await rm(path, { force: true });
        removed.push(path);
      }
    }
  }
  return removed;
}
