import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startServer, tempDir, user, type OwnServer } from './own/server';

// The built app started with `node build` (no start script, no BODY_SIZE_LIMIT) on a store of its own.
let server: OwnServer;
let store: string;
const EDITOR = { name: 'editrice', password: 'mot-de-passe-limites' };

beforeAll(async () => {
  store = tempDir('vigie-limits-');
  await user(store, ['add', EDITOR.name, '--role', 'editor', '--password-stdin'], EDITOR.password);
  server = await startServer({ store });
}, 300_000);
afterAll(async () => server?.stop());

/** A publish form: the file and the decisions, multipart, as the import page sends it. */
function publishForm(content: string, name: string, decisions: object = { mode: 'replace' }): FormData {
  const form = new FormData();
  form.set('decisions', JSON.stringify(decisions));
  form.set('file', new File([content], name, { type: 'text/csv' }));
  return form;
}

/**
 * Sends the headers and the first KiB of a body — announced as `length` bytes, or chunked without a
 * length — and resolves with what the server answers before the rest is sent.
 */
function early(
  path: string,
  length: number | 'chunked',
  headers: Record<string, string> = {}
): Promise<{ status: number; text: string }> {
  const url = new URL(path, server.url);
  const sized = length === 'chunked' ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) };
  return new Promise((done, fail) => {
    let answered = false;
    const req = request(url, { method: 'POST', headers: { ...sized, ...headers } }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (err) => (answered ? undefined : fail(err))); // the server closes once it has answered
    // A chunked body goes on past the limit: the answer comes before the sender is done.
    const write = (n: number) => (n > 0 ? req.write('a'.repeat(8192), () => write(n - 1)) : undefined);
    write(length === 'chunked' ? 4 : 1);
  });
}

describe('request bodies on the built server (node build)', () => {
  it('a sign-in form of 100 KiB is refused with 413 and a clear message, announced or chunked', async () => {
    const form = { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' };
    const announced = await fetch(`${server.url}/connexion?/signin`, {
      method: 'POST',
      headers: form,
      body: 'name=x&password=' + 'a'.repeat(100 * 1024)
    });
    expect(announced.status).toBe(413);
    expect(await announced.text()).toMatch(/accepts at most 16384 bytes/);
    const chunked = await early('/connexion?/signin', 'chunked', form);
    expect(chunked.status).toBe(413);
    expect(chunked.text).toMatch(/Requête trop volumineuse/);
    // 250 MiB announced to the anonymous form: answered at once, nothing read.
    expect((await early('/connexion?/signin', 250 * 1024 * 1024, form)).status).toBe(413);
  });

  it('the publish endpoint takes a large body only from an editor: anonymous 401 before reading, over the import limit 413', async () => {
    const anonymous = await early('/api/publish', 200 * 1024 * 1024, {
      origin: server.origin,
      'content-type': 'multipart/form-data; boundary=x'
    });
    expect(anonymous.status).toBe(401);
    const { cookie } = await signIn(server, EDITOR.name, EDITOR.password);
    const tooBig = await early('/api/publish', 300 * 1024 * 1024, {
      origin: server.origin,
      cookie,
      'content-type': 'multipart/form-data; boundary=x'
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.text)).toMatchObject({ code: 'too_large' });
  });

  it(
    'an editor publishes a 656 KiB file through node build; validated in a worker thread the built server found',
    { timeout: 300_000 },
    async () => {
      const { cookie } = await signIn(server, EDITOR.name, EDITOR.password);
      const rows = Array.from(
        { length: 21_000 },
        (_, i) => `tournees_soutenues,${2000 + (i % 30)}-${2001 + (i % 30)},${i},R${i}`
      );
      const content = ['indicator_id,period,value,region', ...rows].join('\n') + '\n';
      expect(content.length).toBeGreaterThan(656 * 1024);
      const res = await fetch(`${server.url}/api/publish`, {
        method: 'POST',
        headers: { origin: server.origin, cookie },
        body: publishForm(content, 'grand.csv')
      });
      const body = await res.json();
      expect([res.status, body.code ?? null]).toEqual([200, null]);
      expect(body).toMatchObject({ ok: true, dataset: 'observations/imports-grand.csv', version: 1 });
      const manifest = await (await fetch(`${server.url}/api/manifest`)).json();
      expect(manifest.manifest.map((m: { name: string }) => m.name)).toContain('observations/imports-grand.csv');
      expect(server.log()).not.toMatch(/Cannot find|ERR_MODULE|worker thread exited/);
    }
  );
});

describe('sign-in on the built server', () => {
  it('goes back only to a page of this site; a line break in suite is no server error', async () => {
    for (const [suite, location] of [
      ['/\t/evil.example', '/'],
      ['/a\nb', '/ab'],
      ['/historique', '/historique']
    ]) {
      const res = await signIn(server, EDITOR.name, EDITOR.password, suite!);
      expect([res.status, res.location], JSON.stringify(suite)).toEqual([303, location]);
    }
  });

  it('an account removed with npm run user stays signed out, even when created again under its name', async () => {
    await user(store, ['add', 'zed', '--role', 'editor', '--password-stdin'], 'mot-de-passe-de-zed');
    const { cookie } = await signIn(server, 'zed', 'mot-de-passe-de-zed');
    const signedIn = async () => (await (await fetch(`${server.url}/connexion`, { headers: { cookie } })).text()).includes('zed');
    expect(await signedIn()).toBe(true);
    await user(store, ['remove', 'zed']);
    expect(await signedIn()).toBe(false);
    await user(store, ['add', 'zed', '--role', 'viewer', '--password-stdin'], 'autre-mot-de-passe');
    expect(await signedIn()).toBe(false);
  });
});
