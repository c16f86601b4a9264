import { fail, redirect } from '@sveltejs/kit';
import { loginRequired, signIn, signOut } from '$lib/server/auth';
import { sameOriginPath } from '$lib/server/suite';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after signing in: the form's `suite`, else the page's, when it stays on this site. */
function next(url: URL, value: FormDataEntryValue | null): string {
  return sameOriginPath(typeof value === 'string' ? value : url.searchParams.get('suite'), url.origin);
}

export const load: PageServerLoad = async ({ locals, url }) => ({
  user: locals.user,
  required: loginRequired(),
  suite: next(url, null),
  signedOut: url.searchParams.has('deconnecte')
});

export const actions: Actions = {
  signin: async (event) => {
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!name || !password) return fail(400, { name, error: 'missing' as const });
    const result = await signIn(event, name, password);
    if (!result.ok) {
      if (result.reason === 'limited')
        return fail(429, { name, error: 'limited' as const, minutes: Math.ceil(result.retryAfterSeconds / 60) });
      return fail(400, { name, error: 'invalid' as const });
    }
    redirect(303, next(event.url, form.get('suite')));
  },
  signout: async (event) => {
    await signOut(event);
    redirect(303, '/connexion?deconnecte');
  }
};
