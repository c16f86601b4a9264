import { json, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { asLang } from '$lib/i18n/dict';
import { bootstrapAdmin, loginRequired, sessionUser } from '$lib/server/auth';
import { guardBody } from '$lib/server/bodies';
import { compress } from '$lib/server/compress';
import { StoreWriteError } from '$lib/server/fsio';
import { startStore } from '$lib/server/startup';

const YEAR = 60 * 60 * 24 * 365;

/** Start-up: the store's state said clearly, store recovery (leftover temporary files), expired sessions, first administrator. */
export const init: ServerInit = async () => {
  if (await startStore()) await bootstrapAdmin();
};

/** An unexpected error: a store that refuses writes is said in words (and logged with its path), never "Internal Error". */
export const handleError: HandleServerError = ({ error, status, message }) => {
  if (error instanceof StoreWriteError) {
    console.error(error.logLine);
    return { message: error.message };
  }
  if (status >= 500) console.error(error);
  return { message };
};

/** Paths open without an account even when the app requires sign-in. */
const OPEN = ['/connexion', '/connexion/oidc', '/connexion/oidc/retour'];

/**
 * The interface language: `?lang=` when given (and remembered), else the cookie, else French. Then the
 * signed-in account from the session cookie, and, when `VIGIE_REQUIRE_LOGIN=1`, the sign-in gate; then
 * the body limits (only an editor's publish may be large: src/lib/server/bodies.ts); the answer
 * gzipped when it is text and the browser accepts it.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const asked = event.url.searchParams.get('lang');
  if (asked === 'fr' || asked === 'en') {
    event.cookies.set('lang', asked, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: false });
  }
  event.locals.lang = asLang(asked ?? event.cookies.get('lang'));
  event.locals.user = await sessionUser(event.cookies);
  if (!event.locals.user && loginRequired() && !OPEN.includes(event.url.pathname)) {
    if (event.url.pathname.startsWith('/api/')) return json({ message: 'Sign-in required' }, { status: 401 });
    redirect(303, `/connexion?suite=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  const refused = await guardBody(event);
  if (refused) return refused;
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
  });
  return compress(event.request, response);
};
