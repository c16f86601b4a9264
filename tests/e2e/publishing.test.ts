import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, runAxe, settled, useBrowser, visit, type AppPage } from './setup/browser';

// The server under test has its own store folder and an editor account, made by tests/e2e/setup/global.ts
// with `npm run user -- add editeur --role editor`.
const { newPage, baseUrl } = useBrowser();
const editorAccount = inject('editor');

const FILE_NAME = 'tournees-2030.csv';
const DATASET = 'observations/imports-tournees-2030.csv';
const file = (value: number) => `indicator_id,period,value,source\ntournees_soutenues,2030-2031,${value},Rapport annuel e2e\n`;

/**
 * Leaves the shared server as the other suites expect it, whatever happened: the dataset published here
 * is withdrawn (a new version without content), so the overview shows the sample again.
 */
afterAll(async () => {
  const origin = new URL(baseUrl).origin;
  const signin = await fetch(`${baseUrl}/connexion?/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: editorAccount.name, password: editorAccount.password })
  });
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = new URLSearchParams({ dataset: DATASET });
  const res = await fetch(`${baseUrl}/api/withdraw`, {
    method: 'POST',
    headers: { origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body
  });
  if (![200, 404, 409].includes(res.status)) throw new Error(`cleanup: withdraw answered ${res.status}`);
});

/** The overview's latest value for touring (real data for the indicator replaces its sample). */
async function tourneesValue({ page }: AppPage): Promise<string> {
  await visit(page, '/');
  await settled(page);
  return (await page.locator('article[data-axis="tournees"] .value').textContent())!.trim();
}

async function signIn({ page }: AppPage) {
  await visit(page, '/connexion');
  await page.getByLabel("Nom d'utilisateur").fill(editorAccount.name);
  await page.getByLabel('Mot de passe').fill(editorAccount.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** Imports a file in this browser (the existing import page), up to its "loaded" message. */
async function importLocally({ page }: AppPage, value: number) {
  await visit(page, '/importer');
  await page
    .getByLabel('Choisir des fichiers CSV ou Excel')
    .setInputFiles({ name: FILE_NAME, mimeType: 'text/csv', buffer: Buffer.from(file(value)) });
  await page.getByRole('heading', { name: 'Rapport de validation' }).waitFor();
  await page.getByRole('button', { name: 'Charger 1 valeur', exact: true }).click();
  await page.getByText(/1 valeur de « tournees-2030\.csv » chargée/).waitFor();
}

/** A colleague's open page asks the server (as it does every 30 s or on focus) and offers to refresh. */
async function refreshWhenOffered({ page }: AppPage) {
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.getByText('De nouvelles données ont été publiées.').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Actualiser' }).click();
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
  await settled(page);
}

describe('Publishing', () => {
  // Two publishes (each validated on a fresh server-side DuckDB) and a dozen page loads in two browsers.
  it(
    'an editor publishes, a colleague sees it; a restore brings the old figures back for both',
    { timeout: 240_000 },
    async () => {
      const editor = await newPage();
      const colleague = await newPage();
      const sample = await tourneesValue(colleague);

      await signIn(editor);
      await importLocally(editor, 777);
      await editor.page.getByRole('heading', { name: "Publier pour toute l'équipe" }).waitFor();
      await editor.page.getByRole('button', { name: 'Publier', exact: true }).click();
      await editor.page.getByText(`Publié : version 1 de « ${DATASET} » (1 valeur)`).waitFor({ timeout: 30_000 });

      // Another colleague, another browser: the server-rendered page already has the published figure.
      expect(await tourneesValue(colleague)).toBe('777');
      expect(sample).not.toBe('777');

      // A corrected file, published as version 2; the colleague's open page offers to refresh.
      await importLocally(editor, 888);
      await editor.page.getByRole('button', { name: 'Publier', exact: true }).click();
      await editor.page.getByText(`Publié : version 2 de « ${DATASET} » (1 valeur)`).waitFor({ timeout: 30_000 });
      await refreshWhenOffered(colleague);
      expect((await colleague.page.locator('article[data-axis="tournees"] .value').textContent())!.trim()).toBe('888');
      expect(await tourneesValue(editor)).toBe('888'); // the local copy gave way to the published one

      // History: who, what, rows, and the change against the previous version; restore version 1.
      await visit(editor.page, '/historique');
      const table = editor.page.getByRole('table', { name: `Versions de « ${DATASET} »` });
      await expect(table.getByRole('row').nth(1).textContent()).resolves.toMatch(
        /2\s*affichée\s*Publication.*editeur\s*tournees-2030\.csv\s*1\s*0 ajoutées, 0 retirées, 1 modifiées/
      );
      await editor.page.getByRole('button', { name: `Restaurer la version 1 de « ${DATASET} »` }).click();
      await editor.page.getByText(`Version 1 de « ${DATASET} » restaurée : c’est maintenant la version 3.`).waitFor();
      await expect(table.getByRole('row').nth(1).textContent()).resolves.toMatch(/^3\s*affichée\s*Restauration de la version 1/);

      const violations = await runAxe(editor.page);
      expect(violations, describeViolations(violations)).toHaveLength(0);

      expect(await tourneesValue(editor)).toBe('777');
      await refreshWhenOffered(colleague);
      expect((await colleague.page.locator('article[data-axis="tournees"] .value').textContent())!.trim()).toBe('777');
      expect(editor.errors).toEqual([]);
      expect(colleague.errors).toEqual([]);
    }
  );

  it('an anonymous visitor has no Publier button, and forged requests change nothing', { timeout: 120_000 }, async () => {
    const visitor = await newPage();
    await importLocally(visitor, 999);
    await visitor.page.getByText('Pour partager ces données avec vos collègues, connectez-vous').waitFor();
    expect(await visitor.page.getByRole('button', { name: 'Publier' }).count()).toBe(0);

    await visit(visitor.page, '/connexion');
    const violations = await runAxe(visitor.page);
    expect(violations, describeViolations(violations)).toHaveLength(0);

    // The same request the button would send, forged in the page: no session, 401.
    const status = await visitor.page.evaluate(async () => {
      const body = new FormData();
      body.set(
        'file',
        new File(['indicator_id,period,value\ntournees_soutenues,2030-2031,999\n'], 'x.csv', { type: 'text/csv' })
      );
      body.set('decisions', '{}');
      return (await fetch('/api/publish', { method: 'POST', body })).status;
    });
    expect(status).toBe(401);
    const restoreStatus = await visitor.page.evaluate(async (dataset) => {
      const body = new FormData();
      body.set('dataset', dataset);
      body.set('version', '2');
      return (await fetch('/api/restore', { method: 'POST', body })).status;
    }, DATASET);
    expect(restoreStatus).toBe(401);

    // A cross-site form post carrying the editor's cookie (what another site could try): 403.
    const editor = await newPage();
    await signIn(editor);
    const forged = await editor.context.request.post(`${baseUrl}/api/publish`, {
      headers: { origin: 'https://evil.example' },
      multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(file(999)) }, decisions: '{}' }
    });
    expect(forged.status()).toBe(403);
    const forgedRestore = await editor.context.request.post(`${baseUrl}/historique?/restore`, {
      headers: { origin: 'https://evil.example' },
      form: { dataset: DATASET, version: '2' }
    });
    expect(forgedRestore.status()).toBe(403);

    const history = (await (await editor.context.request.get(`${baseUrl}/api/history`)).json()) as {
      name: string;
      current: number;
    }[];
    expect(history.find((d) => d.name === DATASET)?.current).toBe(3);
    expect(await tourneesValue(await newPage())).toBe('777'); // the visitor's figure stayed in its own browser
  });
});
