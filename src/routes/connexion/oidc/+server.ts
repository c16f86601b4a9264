import { error, redirect } from '@sveltejs/kit';
import { CALLBACK_PATH, TRANSACTION_COOKIE, beginSignIn, oidcLabel } from '$lib/server/oidc';
import { sameOriginPath } from '$lib/server/suite';
import type { RequestHandler } from './$types';

/**
 * Starts a sign-in through the organisation's OpenID Connect provider: the state, nonce and PKCE verifier
 * go in a cookie only the callback reads (HttpOnly, SameSite=Lax so the provider's redirect brings it
 * back, ten minutes), and the browser goes to the provider.
 */
export const GET: RequestHandler = async ({ url, cookies }) => {
  if (!oidcLabel()) error(404, 'OpenID Connect is not configured');
  const suite = sameOriginPath(url.searchParams.get('suite'), url.origin);
  const { url: to, transaction } = await beginSignIn(url.origin, suite);
  cookies.set(TRANSACTION_COOKIE, Buffer.from(JSON.stringify(transaction)).toString('base64url'), {
    path: CALLBACK_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: 600
  });
  redirect(303, to.href);
};
