import { fail, redirect } from '@sveltejs/kit';
import { loginRequired, signIn, signOut } from '$lib/server/auth';
import { StoreWriteError } from '$lib/server/fsio';
import { endSessionUrl, oidcLabel, type OidcRefusal } from '$lib/server/oidc';
import { sameOriginPath } from '$lib/server/suite';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after signing in: the form's `suite`, else the page's, when it stays on this site. */
function next(url: URL, value: FormDataEntryValue | null): string {
  return sameOriginPath(typeof value === 'string' ? value : url.searchParams.get('suite'), url.origin);
}

const REFUSALS: readonly OidcRefusal[] = ['state', 'nonce', 'issuer', 'role', 'provider', 'expired'];

export const load: PageServerLoad = async ({ locals, url }) => ({
  user: locals.user,
  required: loginRequired(),
  suite: next(url, null),
  signedOut: url.searchParams.has('deconnecte'),
  /** The organisation's identity provider, when sign-in through it is configured. */
  provider: oidcLabel(),
  /** Why the last sign-in through the provider was refused. */
  refused: REFUSALS.find((r) => r === url.searchParams.get('oidc')) ?? null
});

/** A store that refuses writes makes signing in or out impossible: say so (503), and log where. */
function unwritable(err: unknown, name: string) {
  if (!(err instanceof StoreWriteError)) throw err;
  console.error(err.logLine);
  return fail(503, { name, error: 'store' as const, store: err.reason });
}

export const actions: Actions = {
  signin: async (event) => {
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!name || !password) return fail(400, { name, error: 'missing' as const });
    let result;
    try {
      result = await signIn(event, name, password);
    } catch (err) {
      return unwritable(err, name);
    }
    if (!result.ok) {
      if (result.reason === 'limited') return fail(429, { name, error: 'limited' as const, seconds: result.retryAfterSeconds });
      return fail(400, { name, error: 'invalid' as const });
    }
    redirect(303, next(event.url, form.get('suite')));
  },
  signout: async (event) => {
    let provider;
    try {
      provider = await signOut(event);
    } catch (err) {
      return unwritable(err, '');
    }
    const back = `${event.url.origin}/connexion?deconnecte`;
    // Signed in through a provider: its session ends too, then it sends the browser back here.
    const end = provider ? await endSessionUrl(provider.idToken, back) : null;
    redirect(303, end?.href ?? '/connexion?deconnecte');
  }
};
