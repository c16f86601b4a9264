import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { hasRole, type Role, type SessionUser } from '$lib/publishing/types';
import { randomPassword } from './passwords';
import { services } from './services';
import type { ProviderIdentity } from './sessions';
import type { Account } from './users';

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
  if (session.provider) return { name: session.provider.name, role: session.provider.role };
  const account = await users.byId(session.account);
  // A removed account (whose identity no other account will have), or a password changed since, ends the session.
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

/**
 * Opens a session for an account whose identity was just proven, sets its cookie and audits it. The one
 * way in, whatever proved the identity: the password form here, an identity provider later (`via`).
 */
export async function openSession(
  event: Pick<RequestEvent, 'cookies' | 'url' | 'getClientAddress'>,
  account: Account,
  via = 'password'
): Promise<SessionUser> {
  const { sessions, audit } = services();
  const { token, session } = await sessions.create(account.id, account.epoch);
  event.cookies.set(SESSION_COOKIE, token, cookieOptions(event.url, Math.floor((session.expiresAt - Date.now()) / 1000)));
  await audit.record({
    event: 'sign_in',
    user: account.name,
    ip: clientAddress(event),
    ...(via === 'password' ? {} : { detail: via })
  });
  return { name: account.name, role: account.role };
}

/** When each address and name last had a refused try written to the audit log (one line a minute is enough). */
const limitedAudited = new Map<string, number>();

async function auditLimited(ip: string, name: string): Promise<void> {
  const key = `${ip}\0${name}`;
  const now = Date.now();
  if (now - (limitedAudited.get(key) ?? 0) < 60_000) return;
  limitedAudited.set(key, now);
  if (limitedAudited.size > 10_000) limitedAudited.clear();
  await services().audit.record({ event: 'sign_in_limited', user: name, ip });
}

/**
 * Checks the password and opens a session. The try is reserved with the rate limit before anything is
 * awaited, so concurrent tries are counted before any is checked; every checked try is audited.
 */
export async function signIn(
  event: Pick<RequestEvent, 'cookies' | 'url' | 'getClientAddress'>,
  name: string,
  password: string
): Promise<SignInResult> {
  const { users, limiter, audit } = services();
  const ip = clientAddress(event);
  const key = name.trim().toLowerCase().slice(0, 64);
  const decision = limiter.reserve(ip, key);
  if (!decision.allowed) {
    await auditLimited(ip, key);
    return { ok: false, reason: 'limited', retryAfterSeconds: decision.retryAfterSeconds };
  }
  let account: Account | null;
  try {
    account = await users.verify(key, password);
  } catch (err) {
    limiter.release(ip, key);
    throw err;
  }
  if (!account) {
    await audit.record({ event: 'sign_in_failed', user: key, ip });
    return { ok: false, reason: 'invalid' };
  }
  limiter.succeed(ip, key);
  return { ok: true, user: await openSession(event, account) };
}

/**
 * Opens a session for a person an OpenID Connect provider vouched for (no local account: the role is the
 * one their claims gave), and audits who signed in and from which provider.
 */
export async function openProviderSession(
  event: Pick<RequestEvent, 'cookies' | 'url' | 'getClientAddress'>,
  identity: ProviderIdentity
): Promise<SessionUser> {
  const { sessions, audit } = services();
  const { token, session } = await sessions.create(`oidc:${identity.issuer}#${identity.subject}`, 0, identity);
  event.cookies.set(SESSION_COOKIE, token, cookieOptions(event.url, Math.floor((session.expiresAt - Date.now()) / 1000)));
  await audit.record({
    event: 'sign_in',
    user: identity.name,
    ip: clientAddress(event),
    detail: `oidc ${identity.issuer} sub=${identity.subject} role=${identity.role}`
  });
  return { name: identity.name, role: identity.role };
}

/**
 * Ends the request's session and clears its cookie. Returns the provider's identity when the session
 * came from one, so that its session can be ended too.
 */
export async function signOut(
  event: Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'getClientAddress'>
): Promise<ProviderIdentity | null> {
  const { sessions, audit } = services();
  const token = event.cookies.get(SESSION_COOKIE);
  const provider = (await sessions.lookup(token))?.provider ?? null;
  await sessions.end(token);
  event.cookies.delete(SESSION_COOKIE, { path: '/', secure: event.url.protocol === 'https:' });
  if (event.locals.user)
    await audit.record({
      event: 'sign_out',
      user: event.locals.user.name,
      ip: clientAddress(event),
      ...(provider ? { detail: `oidc ${provider.issuer}` } : {})
    });
  return provider;
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
