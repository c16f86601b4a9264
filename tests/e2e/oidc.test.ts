import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { signInWithPassword, useBrowser, visit, type AppPage } from './setup/browser';

const { baseUrl, newPage } = useBrowser();
const provider = inject('oidc');
const BUTTON = `Se connecter avec ${provider.label}`;

/** A page that may talk to the identity provider as well as to the app. */
const pageWithProvider = () => newPage(undefined, [provider.issuer]);

/** From the app's sign-in page to the provider's, through its sign-in form; stops at its consent page. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await visit(page, '/connexion');
  await page.getByRole('link', { name: BUTTON }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('nimporte-quel-mot-de-passe');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).waitFor();
}

/** Consents at the provider and waits until the browser is back on the app. */
async function consent(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === baseUrl);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/**
 * Changes the provider's answer on its way to the app's callback, as an attacker or a broken proxy could.
 * The browser follows redirects without asking again, so the provider's redirects are followed here, up
 * to the one that goes to the app, which is changed.
 */
async function tamperAnswer(app: AppPage, change: (callback: URL) => void): Promise<void> {
  await app.page.route(`${provider.issuer}/**`, async (route: Route) => {
    let response = await route.fetch({ maxRedirects: 0 });
    let location = response.headers()['location'];
    while (location?.startsWith(provider.issuer)) {
      response = await app.context.request.fetch(location, { maxRedirects: 0 });
      location = response.headers()['location'];
    }
    if (!location?.startsWith(`${baseUrl}/connexion/oidc/retour`)) return route.fulfill({ response });
    const callback = new URL(location);
    change(callback);
    await route.fulfill({ response, headers: { ...response.headers(), location: callback.href } });
  });
}

/** Puts another nonce in the app's sign-in cookie: the ID token the provider mints carries the first one. */
async function replaceNonce({ context }: AppPage): Promise<void> {
  const cookie = (await context.cookies(`${baseUrl}/connexion/oidc/retour`)).find((c) => c.name === 'vigie_oidc')!;
  const transaction = JSON.parse(Buffer.from(cookie.value, 'base64url').toString('utf8')) as Record<string, string>;
  const value = Buffer.from(JSON.stringify({ ...transaction, nonce: 'autre-nonce' })).toString('base64url');
  await context.addCookies([{ ...cookie, value }]);
}

/** The audit log's lines, as the accounts page shows them to a local administrator. */
async function auditLines(): Promise<string[]> {
  const { page } = await newPage();
  await signInWithPassword(page, inject('admin'));
  await visit(page, '/admin');
  return page.locator('section[aria-labelledby="admin-audit"] tbody tr').allInnerTexts();
}

describe('sign-in with the organisation’s account (OpenID Connect, against a real oidc-provider)', () => {
  it('signs in through the provider with PKCE, gets the role of the directory group, and signs out of both', async () => {
    const { page, errors } = await pageWithProvider();
    const authorization = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`));
    await signInAtProvider(page, 'marie.tremblay');
    const asked = new URL((await authorization).url()).searchParams;
    expect(asked.get('response_type')).toBe('code');
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    await consent(page);
    await expect(page.getByText('Compte : marie.tremblay (édition)').isVisible()).resolves.toBe(true);
    await visit(page, '/connexion');
    await expect(page.getByText('Vous êtes connecté en tant que marie.tremblay (édition).').isVisible()).resolves.toBe(true);

    // Signing out ends the provider's session too: it asks, then sends the browser back.
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === baseUrl && url.searchParams.has('deconnecte'));
    await expect(page.getByText('Vous êtes déconnecté.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Connexion', exact: true }).isVisible()).resolves.toBe(true);
    // The provider no longer knows the person: signing in again asks for the name and password.
    await page.getByRole('link', { name: BUTTON }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await expect(page.locator('input[name="login"]').isVisible()).resolves.toBe(true);

    const lines = await auditLines();
    const signIn = lines.find((l) => l.includes('sign_in\t') && l.includes('marie.tremblay'));
    expect(signIn, lines.join('\n')).toContain(`oidc ${provider.issuer} sub=marie.tremblay role=editor`);
    expect(
      lines.some((l) => l.includes('sign_out') && l.includes('marie.tremblay') && l.includes(`oidc ${provider.issuer}`))
    ).toBe(true);
    // The provider's own pages ask for a web font, which the test browser blocks: only the app's errors count.
    expect(errors.filter((e) => !e.includes(provider.issuer) && !e.includes('googleapis'))).toEqual([]);
  });

  it('gives a reader of the directory the viewer role, and refuses a person in no Vigie group', async () => {
    const reader = await pageWithProvider();
    await signInAtProvider(reader.page, 'luc.gagnon');
    await consent(reader.page);
    await expect(reader.page.getByText('Compte : luc.gagnon (lecture)').isVisible()).resolves.toBe(true);
    // A viewer cannot publish: the server refuses, whatever the page shows.
    const res = await reader.page.request.post('/api/publish', { headers: { origin: baseUrl }, data: {} });
    expect(res.status()).toBe(403);

    const outsider = await pageWithProvider();
    await signInAtProvider(outsider.page, 'paul.roy');
    await consent(outsider.page);
    await expect(outsider.page.getByText(/aucun des groupes qui donnent accès à Vigie/).isVisible()).resolves.toBe(true);
    await expect(outsider.page.getByRole('link', { name: 'Connexion', exact: true }).isVisible()).resolves.toBe(true);
  });

  const tampered: { what: string; reason: RegExp; tamper: (app: AppPage) => Promise<void> }[] = [
    {
      what: 'a wrong state',
      reason: /« state »/,
      tamper: (app) => tamperAnswer(app, (url) => url.searchParams.set('state', 'etat-force'))
    },
    {
      what: 'a wrong issuer',
      reason: /« iss »/,
      tamper: (app) => tamperAnswer(app, (url) => url.searchParams.set('iss', 'http://127.0.0.1:9'))
    },
    { what: 'an ID token for another nonce', reason: /« nonce »/, tamper: replaceNonce }
  ];
  for (const { what, reason, tamper } of tampered) {
    it(`refuses an answer with ${what}, and stays signed out`, async () => {
      const app = await pageWithProvider();
      const { page } = app;
      await signInAtProvider(page, 'marie.tremblay');
      await tamper(app);
      await consent(page);
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(reason);
      await expect(page.getByRole('link', { name: 'Connexion', exact: true }).isVisible()).resolves.toBe(true);
      const me = await page.request.get('/connexion');
      expect(await me.text()).not.toContain('marie.tremblay');
    });
  }
});
