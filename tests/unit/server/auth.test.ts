import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hasRole } from '$lib/publishing/types';
import { bootstrapAdmin, SESSION_COOKIE, sessionUser, signIn, signOut } from '$lib/server/auth';
import { checkPassword, hashPassword } from '$lib/server/passwords';
import { SignInLimiter } from '$lib/server/ratelimit';
import { createServices, services, useServices } from '$lib/server/services';
import { SessionStore } from '$lib/server/sessions';
import { UserBook, UserError } from '$lib/server/users';
import { cookieJar, requestEvent } from './events';
import { tempStore } from './helpers';

beforeEach(async () => useServices(createServices(await tempStore())));
afterAll(() => useServices(undefined));

describe('password hashing', () => {
  it('uses scrypt with a random salt per hash, and checks in constant time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a).toMatchObject({ N: 32768, r: 8, p: 1 });
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(64);
    expect(await checkPassword('correct horse battery', a)).toBe(true);
    expect(await checkPassword('correct horse batterY', a)).toBe(false);
    expect(await checkPassword('', a)).toBe(false);
  });

  it('stores no password in clear, and the users file is private (mode 600)', async () => {
    const book = new UserBook(services().root);
    await book.add('marie', 'editor', 'un-long-mot-de-passe');
    const { readFile, stat } = await import('node:fs/promises');
    const file = `${services().root}/users.json`;
    expect(await readFile(file, 'utf8')).not.toContain('un-long-mot-de-passe');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await book.verify('marie', 'un-long-mot-de-passe')).toMatchObject({ name: 'marie', role: 'editor' });
    expect(await book.verify('marie', 'autre-mot-de-passe')).toBe(null);
    expect(await book.verify('personne', 'un-long-mot-de-passe')).toBe(null);
  });

  it('refuses bad names, roles, short passwords, duplicates, and removing the last admin', async () => {
    const book = new UserBook(services().root);
    await expect(book.add('../root', 'editor', 'un-long-mot-de-passe')).rejects.toMatchObject({ code: 'bad_name' });
    await expect(book.add('Marie', 'editor', 'un-long-mot-de-passe')).rejects.toMatchObject({ code: 'bad_name' });
    await expect(book.add('marie', 'god' as never, 'un-long-mot-de-passe')).rejects.toMatchObject({ code: 'bad_role' });
    await expect(book.add('marie', 'editor', 'court')).rejects.toMatchObject({ code: 'too_short' });
    await book.add('admin', 'admin', 'un-long-mot-de-passe');
    await expect(book.add('admin', 'viewer', 'un-long-mot-de-passe')).rejects.toBeInstanceOf(UserError);
    await expect(book.remove('admin')).rejects.toMatchObject({ code: 'last_admin' });
    await expect(book.setRole('admin', 'viewer')).rejects.toMatchObject({ code: 'last_admin' });
  });
});

describe('first start', () => {
  it('creates one admin with a random password, printed once, and never again', async () => {
    const lines: string[] = [];
    const password = await bootstrapAdmin((l) => lines.push(l));
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(lines.join('\n')).toContain(password!);
    expect(await services().users.verify('admin', password!)).toMatchObject({ role: 'admin' });
    expect(await bootstrapAdmin((l) => lines.push(l))).toBe(null);
    expect(lines).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('sign-in sets an HttpOnly, SameSite=Lax cookie, Secure over HTTPS; the session names the account', async () => {
    await services().users.add('marie', 'editor', 'un-long-mot-de-passe');
    for (const [origin, secure] of [
      ['http://localhost:3000', false],
      ['https://vigie.example', true]
    ] as const) {
      const { jar, set } = cookieJar();
      const result = await signIn(
        { cookies: jar, url: new URL(`${origin}/connexion`), getClientAddress: () => '10.0.0.1' },
        'marie',
        'un-long-mot-de-passe'
      );
      expect(result).toEqual({ ok: true, user: { name: 'marie', role: 'editor' } });
      expect(set[0]).toMatchObject({ name: SESSION_COOKIE, options: { httpOnly: true, sameSite: 'lax', secure, path: '/' } });
      expect(set[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await sessionUser(jar)).toEqual({ name: 'marie', role: 'editor' });
    }
  });

  it('sign-out ends the session; a changed password or a removed account ends it too; a forged token is nobody', async () => {
    const { users } = services();
    await users.add('marie', 'editor', 'un-long-mot-de-passe');
    await users.add('root', 'admin', 'un-long-mot-de-passe');
    const login = async () => {
      const { jar } = cookieJar();
      await signIn(
        { cookies: jar, url: new URL('http://localhost/'), getClientAddress: () => '10.0.0.2' },
        'marie',
        'un-long-mot-de-passe'
      );
      return jar;
    };
    const jar = await login();
    const e = await requestEvent({ path: '/connexion', token: jar.get(SESSION_COOKIE) });
    await signOut(e);
    expect(await sessionUser(jar)).toBe(null);

    const again = await login();
    await users.setRole('marie', 'viewer');
    expect(await sessionUser(again)).toEqual({ name: 'marie', role: 'viewer' }); // role read at each request
    await users.setPassword('marie', 'un-autre-mot-de-passe');
    expect(await sessionUser(again)).toBe(null);

    const third = await (async () => {
      const { jar: j } = cookieJar();
      await signIn(
        { cookies: j, url: new URL('http://localhost/'), getClientAddress: () => '10.0.0.2' },
        'marie',
        'un-autre-mot-de-passe'
      );
      return j;
    })();
    await users.remove('marie');
    expect(await sessionUser(third)).toBe(null);

    for (const forged of ['', 'x', 'a'.repeat(43), '../../users.json', 'A'.repeat(500)]) {
      expect(await sessionUser(cookieJar({ [SESSION_COOKIE]: forged }).jar)).toBe(null);
    }
  });

  it('a removed account stays signed out when an account of the same name is created again; its session files are deleted', async () => {
    const { users, root } = services();
    await users.add('zed', 'editor', 'un-long-mot-de-passe');
    const { jar } = cookieJar();
    await signIn(
      { cookies: jar, url: new URL('http://localhost/'), getClientAddress: () => '10.0.0.4' },
      'zed',
      'un-long-mot-de-passe'
    );
    expect(await sessionUser(jar)).toEqual({ name: 'zed', role: 'editor' });
    const sessionFiles = () => readdir(join(root, 'sessions')).catch(() => [] as string[]);
    expect(await sessionFiles()).toHaveLength(1);
    await users.remove('zed');
    expect(await sessionUser(jar)).toBe(null);
    expect(await sessionFiles()).toEqual([]);
    await users.add('zed', 'viewer', 'un-autre-mot-de-passe');
    expect(await sessionUser(jar)).toBe(null);
    // A password change ends the sessions the same way, files included.
    const again = cookieJar().jar;
    await signIn(
      { cookies: again, url: new URL('http://localhost/'), getClientAddress: () => '10.0.0.4' },
      'zed',
      'un-autre-mot-de-passe'
    );
    expect(await sessionFiles()).toHaveLength(1);
    await users.setPassword('zed', 'encore-un-mot-de-passe');
    expect(await sessionFiles()).toEqual([]);
    expect(await sessionUser(again)).toBe(null);
  });

  it('accounts stored before identities existed get one, and sessions that name no identity open nothing', async () => {
    const { root, users } = services();
    const hash = await hashPassword('un-long-mot-de-passe');
    const legacy = { name: 'ancien', role: 'editor', password: hash, epoch: 1, createdAt: 'x', updatedAt: 'x' };
    await writeFile(join(root, 'users.json'), JSON.stringify({ users: [legacy] }));
    expect((await users.get('ancien'))?.id).toBe('name:ancien');
    // A session file of the old shape (it named the account by its name).
    const token = 'A'.repeat(43);
    await mkdir(join(root, 'sessions'), { recursive: true });
    const file = join(root, 'sessions', `${createHash('sha256').update(token).digest('hex')}.json`);
    await writeFile(file, JSON.stringify({ name: 'ancien', epoch: 1, createdAt: Date.now(), expiresAt: Date.now() + 60_000 }));
    expect(await sessionUser(cookieJar({ [SESSION_COOKIE]: token }).jar)).toBe(null);
    expect(await services().sessions.prune()).toBe(1);
  });

  it('expires', async () => {
    const store = new SessionStore(services().root, -1);
    const { token } = await store.create('marie-id', 1);
    expect(await store.lookup(token)).toBe(null);
    expect(await store.prune()).toBe(1);
  });
});

describe('roles', () => {
  it('each role includes the ones before it', () => {
    const viewer = { name: 'v', role: 'viewer' as const };
    const editor = { name: 'e', role: 'editor' as const };
    const admin = { name: 'a', role: 'admin' as const };
    expect([hasRole(null, 'viewer'), hasRole(viewer, 'viewer'), hasRole(viewer, 'editor')]).toEqual([false, true, false]);
    expect([hasRole(editor, 'editor'), hasRole(editor, 'admin'), hasRole(admin, 'editor'), hasRole(admin, 'admin')]).toEqual([
      true,
      false,
      true,
      true
    ]);
  });
});

describe('sign-in rate limit', () => {
  const from = (ip: string) => ({ cookies: cookieJar().jar, url: new URL('http://localhost/'), getClientAddress: () => ip });

  it('holds under any concurrency: 200 tries sent at once, the right password last, check 5 and open nothing', async () => {
    await services().users.add('marie', 'editor', 'un-long-mot-de-passe');
    const tries = Array.from({ length: 200 }, (_, i) => (i === 199 ? 'un-long-mot-de-passe' : `mauvais-${i}-mot-de-passe`));
    const results = await Promise.all(tries.map((pw) => signIn(from('10.0.0.9'), 'marie', pw)));
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'limited' });
    const audit = await services().audit.tail(300);
    expect(audit.filter((e) => e.event === 'sign_in_failed')).toHaveLength(5);
    expect(audit.some((e) => e.event === 'sign_in')).toBe(false);
  });

  it('per address and name, with a growing delay: 1 s, 2 s, 4 s … up to 15 minutes after the last failure', () => {
    let now = 0;
    const limiter = new SignInLimiter({ now: () => now });
    for (let i = 0; i < 5; i++) expect(limiter.reserve('1.2.3.4', 'marie').allowed).toBe(true);
    expect(limiter.reserve('1.2.3.4', 'marie')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.reserve('1.2.3.4', 'MARIE').allowed).toBe(false);
    expect(limiter.reserve('5.6.7.8', 'marie').allowed).toBe(true); // another address
    expect(limiter.reserve('1.2.3.4', 'jean').allowed).toBe(true); // another name
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const d = limiter.reserve('1.2.3.4', 'marie');
      expect(d.allowed).toBe(false);
      const wait = d.allowed ? 0 : d.retryAfterSeconds;
      waits.push(wait);
      now += wait * 1000;
      expect(limiter.reserve('1.2.3.4', 'marie').allowed).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });

  it('a flood of refused tries does not lengthen the wait: the real person waits no longer than the guesses earned', () => {
    let now = 0;
    const limiter = new SignInLimiter({ now: () => now });
    for (let i = 0; i < 7; i++) {
      now += 60_000;
      expect(limiter.reserve('10.1.1.1', 'marie').allowed).toBe(true);
    }
    for (let i = 0; i < 10_000; i++) limiter.reserve('10.1.1.1', 'marie'); // all refused, none counted
    now += 4_000; // 7 failures: the next try may come 4 s after the last
    expect(limiter.reserve('10.1.1.1', 'marie').allowed).toBe(true);
    limiter.succeed('10.1.1.1', 'marie');
    expect(limiter.reserve('10.1.1.1', 'marie').allowed).toBe(true);
  });

  it('slows password spraying from one address across names, after 50 failures', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 50; i++) expect(limiter.reserve('9.9.9.9', `user${i}`).allowed).toBe(true);
    expect(limiter.reserve('9.9.9.9', 'someone-new')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.reserve('9.9.9.8', 'someone-new').allowed).toBe(true);
  });

  it('refuses even the right password once limited, and audits every checked try (refused ones once a minute)', async () => {
    await services().users.add('marie', 'editor', 'un-long-mot-de-passe');
    const attempt = (pw: string) => signIn(from('10.0.0.3'), 'marie', pw);
    for (let i = 0; i < 5; i++) expect(await attempt('mauvais-mot-de-passe')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt('un-long-mot-de-passe')).toMatchObject({ ok: false, reason: 'limited' });
    expect(await attempt('un-long-mot-de-passe')).toMatchObject({ ok: false, reason: 'limited' });
    const events = (await services().audit.tail(10)).map((e) => e.event);
    expect(events).toEqual(['sign_in_limited', ...Array(5).fill('sign_in_failed')]);
    expect(JSON.stringify(await services().audit.tail(10))).not.toContain('mauvais');
  });
});
