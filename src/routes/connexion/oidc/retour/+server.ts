import { redirect } from '@sveltejs/kit';
import { clientAddress, openProviderSession } from '$lib/server/auth';
import { CALLBACK_PATH, TRANSACTION_COOKIE, finishSignIn, type Transaction } from '$lib/server/oidc';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The transaction cookie's content, or null when it is missing or not one of ours. */
function transactionOf(value: string | undefined): Transaction | null {
  if (!value) return null;
  try {
    const t = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Transaction>;
    const fields = [t.state, t.nonce, t.verifier, t.suite];
    return fields.every((f) => typeof f === 'string' && f.length > 0) ? (t as Transaction) : null;
  } catch {
    return null;
  }
}

/**
 * The provider's answer. Every check openid-client makes (state, issuer, PKCE, ID token signature,
 * audience, nonce) must pass and the person's claims must give a role; then a session is opened.
 * A refusal is audited with its reason and shown on the sign-in page.
 */
export const GET: RequestHandler = async (event) => {
  const { url, cookies } = event;
  const transaction = transactionOf(cookies.get(TRANSACTION_COOKIE));
  // One try per transaction: the cookie goes whatever the outcome.
  cookies.delete(TRANSACTION_COOKIE, { path: CALLBACK_PATH, secure: url.protocol === 'https:' });
  const result = await finishSignIn(url, transaction);
  if (!result.ok) {
    await services().audit.record({
      event: 'sign_in_failed',
      user: null,
      ip: clientAddress(event),
      detail: `oidc ${result.reason}: ${result.detail}`.slice(0, 500)
    });
    redirect(303, `/connexion?oidc=${result.reason}`);
  }
  await openProviderSession(event, result.identity);
  redirect(303, transaction!.suite);
};
