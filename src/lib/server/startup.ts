import { rm, statfs } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { atomicWrite, StoreWriteError } from './fsio';
import { services } from './services';

/** How often leftovers of dead writers are looked for while the server runs. */
const SWEEP_MS = 5 * 60_000;
/** Below this much free room, the start-up says the store is nearly full. */
const LOW_ROOM_BYTES = 256 * 1024 * 1024;

/** Whether the store's folder takes a write now: null when it does, else why not. */
async function probe(root: string): Promise<StoreWriteError | null> {
  const path = join(root, 'tmp', 'probe');
  try {
    await atomicWrite(root, path, 'ok');
    await rm(path, { force: true });
    return null;
  } catch (err) {
    if (err instanceof StoreWriteError) return err;
    throw err;
  }
}

/** Removes what dead writers left (their temporary files, their locks); says how many. */
async function sweep(log: (line: string) => void): Promise<void> {
  const removed =
    (await services()
      .store.recover?.()
      .catch(() => [])) ?? [];
  if (removed.length) log(`Vigie: recovered the store, removed ${removed.length} leftover file(s) of unfinished writes.`);
}

/**
 * Start-up of the store: says clearly when the store's folder cannot be written (pages will still show
 * the data; signing in, publishing, restoring and account changes will not work) or is nearly full;
 * clears temporary files a crash left (at once when their writer is provably gone, see
 * `clearLeftovers`) and expired sessions; then sweeps leftovers every few minutes. Returns whether the
 * store can be written.
 */
export async function startStore(log: (line: string) => void = console.log): Promise<boolean> {
  const { root, sessions } = services();
  const refused = await probe(root);
  if (refused) {
    const who = (() => {
      try {
        return userInfo().username;
      } catch {
        return `uid ${process.getuid?.() ?? '?'}`;
      }
    })();
    log(
      [
        '',
        `Vigie: WARNING — the store folder ${root} cannot be written (${refused.reason === 'full' ? 'disk full' : 'read-only'}: ${refused.errno}).`,
        '  Pages show the data, but signing in, publishing, restoring and account changes will fail until it can.',
        refused.reason === 'full'
          ? `  Free some room on the disk that holds ${root}.`
          : `  Give the user running Vigie (${who}) write access to ${root}, or set VIGIE_STORE_DIR to a folder it can write.`,
        ''
      ].join('\n')
    );
    return false;
  }
  const room = await statfs(root).catch(() => null);
  if (room && room.bavail * room.bsize < LOW_ROOM_BYTES)
    log(
      `Vigie: WARNING — the store folder ${root} has ${Math.round((room.bavail * room.bsize) / 1048576)} MiB free: publishing may fail.`
    );
  await sweep(log);
  await sessions.prune().catch(() => 0);
  setInterval(() => void sweep(log), SWEEP_MS).unref();
  return true;
}
