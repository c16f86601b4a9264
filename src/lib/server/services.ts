import { relative, resolve, isAbsolute } from 'node:path';
import { AuditLog } from './audit';
import { dataDir } from './datadir';
import { SignInLimiter } from './ratelimit';
import { SessionStore } from './sessions';
import { FileStore, type DatasetStore } from './store';
import { UserBook } from './users';

/** The store folder: `VIGIE_STORE_DIR`, or `var/` of the working directory. Never inside the data folder. */
export function storeDir(): string {
  const dir = resolve(process.env.VIGIE_STORE_DIR ?? 'var');
  const inside = relative(dataDir(), dir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new Error(`VIGIE_STORE_DIR (${dir}) must not be inside the data folder (${dataDir()})`);
  }
  return dir;
}

/** Everything the server keeps in its store folder. */
export interface Services {
  root: string;
  store: DatasetStore & { recover?: FileStore['recover'] };
  users: UserBook;
  sessions: SessionStore;
  limiter: SignInLimiter;
  audit: AuditLog;
}

let current: Services | undefined;

/** The services over one store folder. */
export function createServices(root: string): Services {
  return {
    root,
    store: new FileStore(root),
    users: new UserBook(root),
    sessions: new SessionStore(root),
    limiter: new SignInLimiter(),
    audit: new AuditLog(root)
  };
}

/** The server's services, over `storeDir()`, created on first use. */
export function services(): Services {
  current ??= createServices(storeDir());
  return current;
}

/** Tests: points the server at another store folder (or back to the environment's). */
export function useServices(next: Services | undefined): void {
  current = next;
}
