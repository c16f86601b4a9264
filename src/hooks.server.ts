import { json, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { asLang } from '$lib/i18n/dict';
import { bootstrapAdmin, loginRequired, sessionUser } from '$lib/server/auth';
import { startStore } from '$lib/server/startup';

const YEAR = 60 * 60 * 24 * 365;

/** Start-up: store recovery (leftover temporary files), expired sessions, first administrator. */
export const init: ServerInit = async () => {
  await startStore();
  await bootstrapAdmin();
};

/** Paths open without an account even when the app requires sign-in. */
const OPEN = ['/connexion'];

/**
 * The interface language: `?lang=` when given (and remembered), else the cookie, else French. Then the
 * signed-in account from the session cookie, and, when `VIGIE_REQUIRE_LOGIN=1`, the sign-in gate.
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
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
  });
};
