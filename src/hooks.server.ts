import type { Handle } from '@sveltejs/kit';
import { asLang } from '$lib/i18n/dict';

const YEAR = 60 * 60 * 24 * 365;

/** The interface language: `?lang=` when given (and remembered), else the cookie, else French. */
export const handle: Handle = async ({ event, resolve }) => {
  const asked = event.url.searchParams.get('lang');
  if (asked === 'fr' || asked === 'en') {
    event.cookies.set('lang', asked, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: false });
  }
  event.locals.lang = asLang(asked ?? event.cookies.get('lang'));
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
  });
};
