import Provider from 'oidc-provider';

/** The people of the test organisation, and the groups its directory puts them in. */
export const ORGANISATION: Record<string, string[]> = {
  'marie.tremblay': ['vigie-editeurs', 'personnel'],
  'luc.gagnon': ['vigie-lecteurs'],
  'paul.roy': ['personnel']
};

/** How the server under test is configured to use the test provider (the environment a ministry would set). */
export interface TestProvider {
  issuer: string;
  env: Record<string, string>;
  close: () => Promise<void>;
}

/**
 * Starts a real OpenID Connect provider (panva's oidc-provider, certified) on loopback, with one client
 * for the app at `appUrl`: authorization code flow with PKCE required, RP-initiated logout, and its
 * development sign-in pages (any name and password signs in as that name, then a consent page).
 * Groups are not in the ID token but at the UserInfo endpoint, as Microsoft Entra ID does for large ones.
 */
export async function startProvider(appUrl: string, port: number): Promise<TestProvider> {
  const secret = 'secret-du-client-e2e';
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'vigie',
        client_secret: secret,
        redirect_uris: [`${appUrl}/connexion/oidc/retour`],
        post_logout_redirect_uris: [`${appUrl}/connexion?deconnecte`],
        grant_types: ['authorization_code'],
        response_types: ['code']
      }
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'groups'], email: ['email'] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, email: `${id}@mcc.example`, groups: ORGANISATION[id] ?? [] })
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['cle-des-cookies-du-fournisseur-e2e'] }
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((done, fail) => server.once('listening', done).once('error', fail));
  return {
    issuer,
    env: {
      VIGIE_OIDC_ISSUER: issuer,
      VIGIE_OIDC_CLIENT_ID: 'vigie',
      VIGIE_OIDC_CLIENT_SECRET: secret,
      VIGIE_OIDC_LABEL: 'Annuaire du ministère',
      VIGIE_OIDC_ROLE_CLAIM: 'groups',
      VIGIE_OIDC_EDITORS: 'vigie-editeurs',
      VIGIE_OIDC_VIEWERS: 'vigie-lecteurs'
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      })
  };
}
