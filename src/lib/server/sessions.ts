import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite, readJson } from './fsio';

/** A session as stored: whose, opened when, until when, and the account's password epoch then. */
export interface Session {
  name: string;
  epoch: number;
  createdAt: number;
  expiresAt: number;
}

/** How long a session lasts: a working week. Signing out ends it at once. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions, one small file each in `sessions/`, named by the SHA-256 of the token: the folder never
 * holds a usable token, and several servers sharing the store folder share the sessions.
 */
export class SessionStore {
  constructor(
    readonly root: string,
    private readonly ttlMs = SESSION_TTL_MS
  ) {}

  #path(token: string) {
    return join(this.root, 'sessions', `${createHash('sha256').update(token).digest('hex')}.json`);
  }

  /** Opens a session; the token goes in the cookie, and only there. */
  async create(name: string, epoch: number): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session: Session = { name, epoch, createdAt: now, expiresAt: now + this.ttlMs };
    await atomicWrite(this.root, this.#path(token), JSON.stringify(session), 0o600);
    return { token, session };
  }

  /** The session of a token, or null (unknown, malformed or expired). */
  async lookup(token: string | undefined): Promise<Session | null> {
    if (!token || !TOKEN.test(token)) return null;
    const session = await readJson<Session | null>(this.#path(token), null).catch(() => null);
    if (!session || session.expiresAt <= Date.now()) return null;
    return session;
  }

  /** Ends a session (sign-out). */
  async end(token: string | undefined): Promise<void> {
    if (token && TOKEN.test(token)) await rm(this.#path(token), { force: true });
  }

  /** Removes expired sessions; returns how many. */
  async prune(): Promise<number> {
    const dir = join(this.root, 'sessions');
    let n = 0;
    for (const f of await readdir(dir).catch(() => [] as string[])) {
      const s = await readJson<Session | null>(join(dir, f), null).catch(() => null);
      if (!s || s.expiresAt <= Date.now()) {
        await rm(join(dir, f), { force: true });
        n++;
      }
    }
    return n;
  }
}
