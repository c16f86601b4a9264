import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';

/** Where every temporary file of a store lives: one folder, so recovery knows what to clear. */
export function tempDir(root: string): string {
  return join(root, 'tmp');
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
  await mkdir(tempDir(root), { recursive: true });
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(tempDir(root), `${randomUUID()}.tmp`);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dirname(target));
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
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, 'a', 0o640);
  try {
    await fh.write(line.endsWith('\n') ? line : `${line}\n`);
    await fh.datasync();
  } finally {
    await fh.close();
  }
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
  await mkdir(dirname(path), { recursive: true });
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
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
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
 * Start-up recovery of a store: removes temporary files left by a write that never finished (older
 * than `olderThanMs`, so that another server sharing the folder keeps its writes in flight) and lock
 * files of dead processes. Returns what was removed.
 */
export async function clearLeftovers(root: string, lockDirs: string[], olderThanMs: number): Promise<string[]> {
  const removed: string[] = [];
  const tmp = tempDir(root);
  for (const f of await readdir(tmp).catch(() => [] as string[])) {
    const path = join(tmp, f);
    const s = await stat(path).catch(() => null);
    if (s && Date.now() - s.mtimeMs >= olderThanMs) {
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
