import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { hasRole, type Role, type SessionUser } from '$lib/publishing/types';
import { randomPassword } from './passwords';
import { services } from './services';

/** The session cookie's name. */
export const SESSION_COOKIE = 'vigie_session';

/** Whether the whole app asks for sign-in (`VIGIE_REQUIRE_LOGIN=1`); by default viewing is open. */
export function loginRequired(): boolean {
  return ['1', 'true', 'yes', 'oui'].includes((process.env.VIGIE_REQUIRE_LOGIN ?? '').toLowerCase());
}

/** The signed-in account of a request's cookie, with its current role; null when none or ended. */
export async function sessionUser(cookies: Pick<Cookies, 'get'>): Promise<SessionUser | null> {
  const { sessions, users } = services();
  const session = await sessions.lookup(cookies.get(SESSION_COOKIE));
  if (!session) return null;
  const account = await users.get(session.name);
  // A removed account, or a password changed since, ends the session.
  if (!account || account.epoch !== session.epoch) return null;
  return { name: account.name, role: account.role };
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS. */
export function cookieOptions(url: URL, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', maxAge: maxAgeSeconds };
}

/** The client's address, for the rate limit and the audit log. */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
  try {
    return event.getClientAddress();
  } catch {
    return 'unknown';
  }
}

/**
 * The guard of every write: the session's account must hold `role` (401 without a session, 403 with
 * too small a role), and a browser's request must come from this origin. SvelteKit already refuses
 * cross-site form posts; this also covers other content types, in case a route ever accepts them.
 */
export function requireRole(event: Pick<RequestEvent, 'locals' | 'request' | 'url'>, role: Role): SessionUser {
  const origin = event.request.headers.get('origin');
  if (event.request.method !== 'GET' && origin !== null && origin !== event.url.origin) error(403, 'Cross-site request refused');
  const user = event.locals.user;
  if (!user) error(401, 'Sign-in required');
  if (!hasRole(user, role)) error(403, `Role ${role} required`);
  return user;
}

/** What a sign-in attempt gave. */
export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; retryAfterSeconds: number };

/** Checks the password (rate-limited), opens a session and sets its cookie; every attempt is audited. */
export async function signIn(
  event: Pick<RequestEvent, 'cookies' | 'url' | 'getClientAddress'>,
  name: string,
  password: string
): Promise<SignInResult> {
  const { users, sessions, limiter, audit } = services();
  const ip = clientAddress(event);
  const key = name.trim().toLowerCase().slice(0, 64);
  const decision = limiter.check(ip, key);
  if (!decision.allowed) {
    await audit.record({ event: 'sign_in_limited', user: key, ip });
    return { ok: false, reason: 'limited', retryAfterSeconds: decision.retryAfterSeconds };
  }
  const account = await users.verify(key, password);
  if (!account) {
    limiter.fail(ip, key);
    await audit.record({ event: 'sign_in_failed', user: key, ip });
    return { ok: false, reason: 'invalid' };
  }
  limiter.succeed(ip, key);
  const { token, session } = await sessions.create(account.name, account.epoch);
  event.cookies.set(SESSION_COOKIE, token, cookieOptions(event.url, Math.floor((session.expiresAt - Date.now()) / 1000)));
  await audit.record({ event: 'sign_in', user: account.name, ip });
  return { ok: true, user: { name: account.name, role: account.role } };
}

/** Ends the request's session and clears its cookie. */
export async function signOut(event: Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'getClientAddress'>): Promise<void> {
  const { sessions, audit } = services();
  await sessions.end(event.cookies.get(SESSION_COOKIE));
  event.cookies.delete(SESSION_COOKIE, { path: '/', secure: event.url.protocol === 'https:' });
  if (event.locals.user) await audit.record({ event: 'sign_out', user: event.locals.user.name, ip: clientAddress(event) });
}

/**
 * First start: with no account at all, creates `admin` with a random password and prints it once.
 * Returns the password (tests), or null when accounts already exist.
 */
export async function bootstrapAdmin(log: (line: string) => void = console.log): Promise<string | null> {
  const { users, audit, root } = services();
  const password = randomPassword();
  if (!(await users.bootstrap('admin', password))) return null;
  await audit.record({ event: 'admin_created', user: 'admin', detail: 'first start' });
  log(
    [
      '',
      'Vigie: no account existed, so an administrator was created (this is shown only once):',
      `  name: admin    password: ${password}`,
      `  (accounts are kept in ${root}/users.json; change it with: npm run user -- passwd admin)`,
      ''
    ].join('\n')
  );
  return password;
}
