import * as client from 'openid-client';
import { nameFromClaims, oidcSettings, roleFromClaims, type OidcSettings } from './oidc-settings';
import type { ProviderIdentity } from './sessions';

/** The path the provider sends people back to (register `<ORIGIN>/connexion/oidc/retour` at the provider). */
export const CALLBACK_PATH = '/connexion/oidc/retour';

/** The short-lived cookie that carries a sign-in's state, nonce and PKCE verifier to the callback. */
export const TRANSACTION_COOKIE = 'vigie_oidc';

/** What the callback needs to check the provider's answer: kept in the transaction cookie, never in a URL. */
export interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go once signed in (already checked to stay on this site). */
  suite: string;
}

/** Why a sign-in through the provider is refused. */
export type OidcRefusal = 'state' | 'nonce' | 'issuer' | 'role' | 'provider' | 'expired';

let configured: { settings: OidcSettings; config: Promise<client.Configuration> } | null | undefined;

/** Whether a URL's host is this machine (a test provider over plain HTTP is allowed only there). */
function loopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The settings and the provider's discovered configuration, fetched once; null without VIGIE_OIDC_ISSUER. */
function provider(): { settings: OidcSettings; config: Promise<client.Configuration> } | null {
  if (configured !== undefined) return configured;
  const settings = oidcSettings();
  if (!settings) return (configured = null);
  const insecure = settings.issuer.protocol === 'http:' && loopback(settings.issuer);
  const config = client
    .discovery(
      settings.issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined
    )
    .catch((err: unknown) => {
      configured = undefined; // the next sign-in tries the discovery again
      throw err;
    });
  configured = { settings, config };
  return configured;
}

/** The sign-in button's provider name, or null when sign-in through a provider is not configured. */
export function oidcLabel(): string | null {
  return oidcSettings()?.label ?? null;
}

/** The provider's authorization URL for a new sign-in (code flow, PKCE S256, state and nonce), and what to keep. */
export async function beginSignIn(origin: string, suite: string): Promise<{ url: URL; transaction: Transaction }> {
  const p = provider();
  if (!p) throw new Error('OpenID Connect is not configured (VIGIE_OIDC_ISSUER)');
  const config = await p.config;
  const transaction: Transaction = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    suite
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: origin + CALLBACK_PATH,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
    code_challenge_method: 'S256',
    state: transaction.state,
    nonce: transaction.nonce
  });
  return { url, transaction };
}

/** The messages of an error and of its causes (openid-client wraps oauth4webapi's, which name the check). */
function messages(err: unknown): string {
  const all: string[] = [];
  let e = err;
  while (e instanceof Error && all.length < 5) {
    all.push(e.message);
    e = e.cause;
  }
  return all.join(' — ');
}

/** The refusal an openid-client error stands for: which check the provider's answer failed. */
function refusalOf(err: unknown): OidcRefusal {
  const message = messages(err);
  if (/"state"/.test(message)) return 'state';
  if (/"nonce"/.test(message)) return 'nonce';
  if (/"iss"/.test(message)) return 'issuer';
  return 'provider';
}

/**
 * Checks the provider's answer on the callback URL (state, issuer, then the code exchanged with the PKCE
 * verifier, and the ID token's signature, issuer, audience and nonce), and maps the person's claims to a
 * role. Refused with the check that failed.
 */
export async function finishSignIn(
  callback: URL,
  transaction: Transaction | null
): Promise<{ ok: true; identity: ProviderIdentity } | { ok: false; reason: OidcRefusal; detail: string }> {
  const p = provider();
  if (!p) throw new Error('OpenID Connect is not configured (VIGIE_OIDC_ISSUER)');
  if (!transaction) return { ok: false, reason: 'expired', detail: 'no sign-in under way (cookie missing or expired)' };
  const config = await p.config;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true
    });
  } catch (err) {
    return { ok: false, reason: refusalOf(err), detail: messages(err) || String(err) };
  }
  const claims = tokens.claims()!;
  let all: Record<string, unknown> = { ...claims };
  // Providers often leave groups out of the ID token; the UserInfo endpoint has them.
  if (!(p.settings.roleClaim in all) && config.serverMetadata().userinfo_endpoint) {
    all = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...all };
  }
  const role = roleFromClaims(all, p.settings);
  const name = nameFromClaims(all, p.settings);
  if (!role) return { ok: false, reason: 'role', detail: `${name}: no ${p.settings.roleClaim} value gives a role` };
  return { ok: true, identity: { name, role, issuer: claims.iss, subject: claims.sub, idToken: tokens.id_token! } };
}

/**
 * Where to send someone signing out to end the provider's session too (RP-initiated logout), back to
 * `returnTo` afterwards; null when the provider offers no end-session endpoint.
 */
export async function endSessionUrl(idToken: string, returnTo: string): Promise<URL | null> {
  const p = provider();
  if (!p) return null;
  const config = await p.config;
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: returnTo });
}
