import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Role } from '$lib/publishing/types';
import { SESSION_COOKIE, sessionUser } from '$lib/server/auth';
import { services } from '$lib/server/services';

export const ORIGIN = 'http://vigie.test';

/** A cookie jar with SvelteKit's `Cookies` methods the server code uses. */
export function cookieJar(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
  const jar = {
    get: (name: string) => values.get(name),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options: Record<string, unknown>) => {
      values.set(name, value);
      set.push({ name, value, options });
    },
    delete: (name: string, options: Record<string, unknown>) => {
      values.delete(name);
      set.push({ name, value: '', options });
    },
    serialize: () => ''
  };
  return { jar: jar as unknown as Cookies, set, values };
}

/** Opens a real session for a new account with `role`; returns its cookie token. */
export async function sessionFor(role: Role, name = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const { users, sessions } = services();
  await users.add(name, role, 'mot-de-passe-solide');
  const account = (await users.get(name))!;
  return (await sessions.create(account.id, account.epoch)).token;
}

/** Options of a constructed request. */
export interface EventOptions {
  method?: string;
  path: string;
  body?: BodyInit | null;
  headers?: Record<string, string>;
  /** Session token for the cookie. */
  token?: string;
  params?: Record<string, string>;
  ip?: string;
}

/** A RequestEvent as SvelteKit would build it, with `locals.user` from the session cookie (as hooks do). */
export async function requestEvent(o: EventOptions): Promise<RequestEvent> {
  const url = new URL(o.path, ORIGIN);
  const request = new Request(url, { method: o.method ?? 'GET', body: o.body ?? null, headers: o.headers });
  const { jar } = cookieJar(o.token ? { [SESSION_COOKIE]: o.token } : {});
  const user = await sessionUser(jar);
  return {
    request,
    url,
    params: o.params ?? {},
    cookies: jar,
    locals: { lang: 'fr', user },
    getClientAddress: () => o.ip ?? '127.0.0.1',
    platform: undefined,
    route: { id: null },
    setHeaders: () => {},
    fetch,
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    tracing: { enabled: false, root: null, current: null }
  } as unknown as RequestEvent;
}

/** Calls a handler and turns a thrown `error()` / `redirect()` into its status, as SvelteKit does. */
export async function call(handler: (e: never) => unknown, event: RequestEvent): Promise<{ status: number; body: unknown }> {
  try {
    const res = (await handler(event as never)) as Response;
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
  } catch (err) {
    const e = err as { status?: number; body?: unknown; location?: string };
    if (typeof e.status === 'number') return { status: e.status, body: e.body ?? e.location };
    throw err;
  }
}
