import { ROLES, type Role } from '$lib/publishing/types';

/** How Vigie signs people in through their organisation's OpenID Connect provider (environment variables). */
export interface OidcSettings {
  /** The provider's issuer identifier (`VIGIE_OIDC_ISSUER`), e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  issuer: URL;
  /** Vigie's client at the provider (`VIGIE_OIDC_CLIENT_ID`, `VIGIE_OIDC_CLIENT_SECRET`). */
  clientId: string;
  clientSecret: string;
  /** The name on the sign-in button (`VIGIE_OIDC_LABEL`), e.g. « Microsoft Entra ID ». */
  label: string;
  /** The claim that holds the person's groups or application roles (`VIGIE_OIDC_ROLE_CLAIM`, default `groups`). */
  roleClaim: string;
  /** For each role, the values of that claim that give it (`VIGIE_OIDC_ADMINS`, `_EDITORS`, `_VIEWERS`; `*`: anyone). */
  roles: Record<Role, string[]>;
  /** The claims tried, in order, for the name Vigie shows and audits (`VIGIE_OIDC_NAME_CLAIM` first). */
  nameClaims: string[];
}

/** A comma-separated list, trimmed, without empty items. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The OpenID Connect settings, or null when `VIGIE_OIDC_ISSUER` is not set (local accounts only). An
 * issuer without a client id, or that is not a URL, is a configuration error: the server says so at once.
 */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const issuer = env.VIGIE_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.VIGIE_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('VIGIE_OIDC_ISSUER is set but VIGIE_OIDC_CLIENT_ID is not');
  if (!URL.canParse(issuer)) throw new Error(`VIGIE_OIDC_ISSUER is not a URL: ${issuer}`);
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret: env.VIGIE_OIDC_CLIENT_SECRET ?? '',
    label: env.VIGIE_OIDC_LABEL?.trim() || new URL(issuer).host,
    roleClaim: env.VIGIE_OIDC_ROLE_CLAIM?.trim() || 'groups',
    roles: { admin: list(env.VIGIE_OIDC_ADMINS), editor: list(env.VIGIE_OIDC_EDITORS), viewer: list(env.VIGIE_OIDC_VIEWERS) },
    nameClaims: [...list(env.VIGIE_OIDC_NAME_CLAIM), 'preferred_username', 'email', 'name', 'sub']
  };
}

/**
 * The role a person's claims give: the highest role one of whose values the role claim holds (a list,
 * or one value), `*` for anyone; null when none, and the person is refused.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'roleClaim' | 'roles'>
): Role | null {
  const raw = claims[settings.roleClaim];
  const held = new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string'));
  for (const role of [...ROLES].reverse()) {
    if (settings.roles[role].some((v) => v === '*' || held.has(v))) return role;
  }
  return null;
}

/** The name shown and audited: the first of the name claims that is a non-empty text. */
export function nameFromClaims(claims: Record<string, unknown>, settings: Pick<OidcSettings, 'nameClaims'>): string {
  for (const claim of settings.nameClaims) {
    const v = claims[claim];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 120);
  }
  return String(claims.sub);
}
