import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Role } from '$lib/publishing/types';
import { atomicWrite, readJson } from './fsio';

/** A person signed in through an OpenID Connect provider: no local account, the role their claims gave. */
export interface ProviderIdentity {
  name: string;
  role: Role;
  issuer: string;
  subject: string;
  /** The provider's ID token, sent back as `id_token_hint` to end the provider's session at sign-out. */
  idToken: string;
}

/**
 * A session as stored: whose (the account's identity, never its name), opened when, until when, and the
 * account's password epoch then; or, for a sign-in through a provider, the identity it proved.
 */
export interface Session {
  /** The account's identity (`Account.id`), which is never given to another account; `oidc:` for a provider's. */
  account: string;
  epoch: number;
  createdAt: number;
  expiresAt: number;
  provider?: ProviderIdentity;
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

  get #dir() {
    return join(this.root, 'sessions');
  }

  #path(token: string) {
    return join(this.#dir, `${createHash('sha256').update(token).digest('hex')}.json`);
  }

  /** Opens a session for an account identity; the token goes in the cookie, and only there. */
  async create(account: string, epoch: number, provider?: ProviderIdentity): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session: Session = { account, epoch, createdAt: now, expiresAt: now + this.ttlMs, ...(provider ? { provider } : {}) };
    await atomicWrite(this.root, this.#path(token), JSON.stringify(session), 0o600);
    return { token, session };
  }

  /** The session of a token, or null (unknown, malformed, expired, or written before sessions named an identity). */
  async lookup(token: string | undefined): Promise<Session | null> {
    if (!token || !TOKEN.test(token)) return null;
    const session = await readJson<Session | null>(this.#path(token), null).catch(() => null);
    if (!session || typeof session.account !== 'string' || session.expiresAt <= Date.now()) return null;
    return session;
  }

  /** Ends a session (sign-out). */
  async end(token: string | undefined): Promise<void> {
    if (token && TOKEN.test(token)) await rm(this.#path(token), { force: true });
  }

  /** Ends every session of an account (removed, or its password changed): their files are deleted. Returns how many. */
  async endAccount(account: string): Promise<number> {
    return this.#removeWhere((s) => s.account === account);
  }

  /** Removes expired sessions, and files that name no account identity; returns how many. */
  async prune(): Promise<number> {
    return this.#removeWhere((s) => typeof s.account !== 'string' || s.expiresAt <= Date.now());
  }

  async #removeWhere(test: (s: Session) => boolean): Promise<number> {
    let n = 0;
    for (const f of await readdir(this.#dir).catch(() => [] as string[])) {
      const s = await readJson<Session | null>(join(this.#dir, f), null).catch(() => null);
      if (!s || test(s)) {
        await rm(join(this.#dir, f), { force: true });
        n++;
      }
    }
    return n;
  }
}
