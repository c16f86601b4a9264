import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, type Role } from '$lib/publishing/types';
import { atomicWrite, readJson, readRefusal, serial, withFileLock } from './fsio';
import { checkPassword, decoyHash, hashPassword, passwordProblem, type PasswordHash } from './passwords';
import { SessionStore } from './sessions';

/** An account as stored in `users.json` (mode 600). */
export interface Account {
  /**
   * The account's identity, random and never reused: sessions are bound to it, not to the name, so an
   * account removed and created again under the same name is a new account that no old session opens.
   */
  id: string;
  name: string;
  role: Role;
  password: PasswordHash;
  /** Raised when the password changes: sessions opened before no longer count. */
  epoch: number;
  createdAt: string;
  updatedAt: string;
}

/** An account as listed: no hash. */
export type AccountView = Pick<Account, 'name' | 'role' | 'createdAt' | 'updatedAt'>;

interface UsersFile {
  users: Account[];
}

/** Why an account change is refused. */
export type UserErrorCode = 'bad_name' | 'bad_role' | 'exists' | 'unknown' | 'too_short' | 'too_long' | 'last_admin';

/** A refused account change, with a code the CLI and the admin page turn into words. */
export class UserError extends Error {
  constructor(readonly code: UserErrorCode) {
    super(code);
  }
}

/** Account names: lower case, 2 to 40 characters, letters, digits, `.`, `-`, `_`. */
const NAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Whether a text is a valid account name. */
export function isAccountName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/** A new account identity: 128 random bits. */
function newAccountId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Accounts written before identities existed get one derived from their name, kept at the next write.
 * It cannot collide with a random one (those never contain `:`) and is never given again: a name
 * created anew gets a random identity.
 */
function withId(account: Account): Account {
  return account.id ? account : { ...account, id: `name:${account.name}` };
}

/** Whether a text is a role. */
export function isRole(role: unknown): role is Role {
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role);
}

/**
 * The accounts, in `users.json` of the store folder. Every change is a locked read-modify-write with
 * an atomic replace, so the command line and the server can both change accounts.
 */
export class UserBook {
  #cache: { stamp: string; file: UsersFile } | null = null;

  constructor(readonly root: string) {}

  get #path() {
    return join(this.root, 'users.json');
  }

  async #read(): Promise<UsersFile> {
    const s = await stat(this.#path).catch(() => null);
    if (!s) return { users: [] };
    const stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
    if (this.#cache?.stamp !== stamp) {
      const file = await readJson<UsersFile>(this.#path, { users: [] }).catch((err: unknown) => {
        throw readRefusal(err, this.#path);
      });
      this.#cache = { stamp, file: { users: file.users.map(withId) } };
    }
    return this.#cache.file;
  }

  #change<T>(fn: (users: Account[]) => Promise<{ users: Account[]; result: T }>): Promise<T> {
    return serial(`${this.root}\0users`, () =>
      withFileLock(join(this.root, 'users.lock'), async () => {
        this.#cache = null;
        const { users, result } = await fn((await this.#read()).users);
        await atomicWrite(this.root, this.#path, JSON.stringify({ users }, null, 1), 0o600);
        this.#cache = null;
        return result;
      })
    );
  }

  /** Every account, by name. */
  async list(): Promise<AccountView[]> {
    return (await this.#read()).users
      .map(({ name, role, createdAt, updatedAt }) => ({ name, role, createdAt, updatedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** An account by name, or null. */
  async get(name: string): Promise<Account | null> {
    return (await this.#read()).users.find((u) => u.name === name) ?? null;
  }

  /** An account by its identity (what a session names), or null once it was removed. */
  async byId(id: string): Promise<Account | null> {
    return (await this.#read()).users.find((u) => u.id === id) ?? null;
  }

  /** Creates an account. */
  async add(name: string, role: Role, password: string): Promise<AccountView> {
    if (!isAccountName(name)) throw new UserError('bad_name');
    if (!isRole(role)) throw new UserError('bad_role');
    const problem = passwordProblem(password);
    if (problem) throw new UserError(problem);
    const hash = await hashPassword(password);
    return this.#change(async (users) => {
      if (users.some((u) => u.name === name)) throw new UserError('exists');
      const now = new Date().toISOString();
      const account: Account = { id: newAccountId(), name, role, password: hash, epoch: 1, createdAt: now, updatedAt: now };
      return { users: [...users, account], result: { name, role, createdAt: now, updatedAt: now } };
    });
  }

  /** Creates `name` as admin only if there is no account at all (first start); false when there was one. */
  async bootstrap(name: string, password: string): Promise<boolean> {
    if ((await this.#read()).users.length) return false;
    const hash = await hashPassword(password);
    return this.#change(async (users) => {
      if (users.length) return { users, result: false };
      const now = new Date().toISOString();
      const account: Account = {
        id: newAccountId(),
        name,
        role: 'admin',
        password: hash,
        epoch: 1,
        createdAt: now,
        updatedAt: now
      };
      return { users: [account], result: true };
    });
  }

  /** Sets a new password; the account's open sessions end (and their files are deleted). */
  async setPassword(name: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new UserError(problem);
    const hash = await hashPassword(password);
    const id = await this.#change(async (users) => {
      const u = users.find((x) => x.name === name);
      if (!u) throw new UserError('unknown');
      const next = { ...u, password: hash, epoch: u.epoch + 1, updatedAt: new Date().toISOString() };
      return { users: users.map((x) => (x === u ? next : x)), result: u.id };
    });
    await new SessionStore(this.root).endAccount(id);
  }

  /** Changes a role; the last admin cannot be demoted. */
  async setRole(name: string, role: Role): Promise<void> {
    if (!isRole(role)) throw new UserError('bad_role');
    await this.#change(async (users) => {
      const u = users.find((x) => x.name === name);
      if (!u) throw new UserError('unknown');
      if (u.role === 'admin' && role !== 'admin' && users.filter((x) => x.role === 'admin').length === 1)
        throw new UserError('last_admin');
      const next = { ...u, role, updatedAt: new Date().toISOString() };
      return { users: users.map((x) => (x === u ? next : x)), result: undefined };
    });
  }

  /**
   * Removes an account; the last admin cannot be removed. Its sessions end for good: they name its
   * identity, which no account will have again, and their files are deleted.
   */
  async remove(name: string): Promise<void> {
    const id = await this.#change(async (users) => {
      const u = users.find((x) => x.name === name);
      if (!u) throw new UserError('unknown');
      if (u.role === 'admin' && users.filter((x) => x.role === 'admin').length === 1) throw new UserError('last_admin');
      return { users: users.filter((x) => x !== u), result: u.id };
    });
    await new SessionStore(this.root).endAccount(id);
  }

  /** The account if the password is right, else null; takes as long for an unknown name. */
  async verify(name: string, password: string): Promise<Account | null> {
    const account = isAccountName(name) ? await this.get(name) : null;
    const ok = await checkPassword(password, account?.password ?? (await decoyHash()));
    return account && ok ? account : null;
  }
}
