import { describe, expect, it } from 'vitest';
import { nameFromClaims, oidcSettings, roleFromClaims } from '$lib/server/oidc-settings';

const ENV = {
  VIGIE_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
  VIGIE_OIDC_CLIENT_ID: 'vigie',
  VIGIE_OIDC_CLIENT_SECRET: 's',
  VIGIE_OIDC_ROLE_CLAIM: 'roles',
  VIGIE_OIDC_ADMINS: 'Vigie.Admin',
  VIGIE_OIDC_EDITORS: 'Vigie.Editeur, Vigie.Publication',
  VIGIE_OIDC_VIEWERS: 'Vigie.Lecture'
};

describe('OpenID Connect settings', () => {
  it('is off without an issuer, and refuses an issuer without a client id or that is not a URL', () => {
    expect(oidcSettings({})).toBeNull();
    expect(() => oidcSettings({ VIGIE_OIDC_ISSUER: 'https://idp.example' })).toThrow(/VIGIE_OIDC_CLIENT_ID/);
    expect(() => oidcSettings({ VIGIE_OIDC_ISSUER: 'idp', VIGIE_OIDC_CLIENT_ID: 'x' })).toThrow(/not a URL/);
  });

  it('reads the role claim and the values of each role, and names the button after the host by default', () => {
    const s = oidcSettings(ENV)!;
    expect(s.roleClaim).toBe('roles');
    expect(s.roles).toEqual({
      admin: ['Vigie.Admin'],
      editor: ['Vigie.Editeur', 'Vigie.Publication'],
      viewer: ['Vigie.Lecture']
    });
    expect(s.label).toBe('login.microsoftonline.com');
    expect(oidcSettings({ ...ENV, VIGIE_OIDC_LABEL: 'Microsoft Entra ID' })!.label).toBe('Microsoft Entra ID');
  });

  it('gives the highest role one of the claim values gives, from a list or one value, and none to others', () => {
    const s = oidcSettings(ENV)!;
    expect(roleFromClaims({ roles: ['Vigie.Lecture', 'Vigie.Publication'] }, s)).toBe('editor');
    expect(roleFromClaims({ roles: ['Vigie.Admin', 'Vigie.Lecture'] }, s)).toBe('admin');
    expect(roleFromClaims({ roles: 'Vigie.Lecture' }, s)).toBe('viewer');
    expect(roleFromClaims({ roles: ['Autre'] }, s)).toBeNull();
    expect(roleFromClaims({}, s)).toBeNull();
    // Another claim with the right value gives nothing: only the configured claim counts.
    expect(roleFromClaims({ groups: ['Vigie.Admin'] }, s)).toBeNull();
    expect(roleFromClaims({}, oidcSettings({ ...ENV, VIGIE_OIDC_VIEWERS: '*' })!)).toBe('viewer');
  });

  it('names a person by the first name claim that has a text', () => {
    const s = oidcSettings({ ...ENV, VIGIE_OIDC_NAME_CLAIM: 'upn' })!;
    expect(nameFromClaims({ sub: 'abc', upn: 'marie@mcc.gouv.qc.ca', preferred_username: 'marie' }, s)).toBe(
      'marie@mcc.gouv.qc.ca'
    );
    expect(nameFromClaims({ sub: 'abc', upn: ' ', email: 'm@x.example' }, s)).toBe('m@x.example');
    expect(nameFromClaims({ sub: 'abc' }, s)).toBe('abc');
  });
});
