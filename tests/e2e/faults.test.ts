import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '$lib/server/store';
import { REPO, signIn, startServer, tempDir, user, type OwnServer } from './own/server';

const servers: OwnServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});
const start = async (o: Parameters<typeof startServer>[0]) => {
  const s = await startServer(o);
  servers.push(s);
  return s;
};

const csv = (value: number) => new TextEncoder().encode(`indicator_id,period,value\ntournees_soutenues,2030-2031,${value}\n`);
const text = async (s: OwnServer, path: string, cookie = '') => {
  const res = await fetch(`${s.url}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: await res.text() };
};

describe('damaged data on the built server', () => {
  it(
    'a blob failing its hash, a manifest cut short, a malformed CSV and a cut catalogue header: every page answers, each named with its reason; an editor restores from Historique',
    { timeout: 600_000 },
    async () => {
      const store = tempDir('vigie-damaged-');
      const data = tempDir('vigie-data-');
      cpSync(join(REPO, 'data'), data, { recursive: true });
      await user(store, ['add', 'editrice', '--role', 'editor', '--password-stdin'], 'mot-de-passe-editrice');
      const files = new FileStore(store);
      await files.publish('observations/mesures.csv', csv(111), { by: 'editrice' });
      const v2 = await files.publish('observations/mesures.csv', csv(222), { by: 'editrice' });
      const blob = join(store, 'blobs', v2.sha256!.slice(0, 2), `${v2.sha256}.csv`);
      chmodSync(blob, 0o644);
      writeFileSync(blob, 'indicator_id,period,value\ntournees_soutenues,2030-2031,666\n');
      await files.publish('observations/coupe.csv', csv(1), { by: 'editrice' });
      await files.publish('observations/coupe.csv', csv(2), { by: 'editrice' });
      const manifest = join(store, 'datasets', `${encodeURIComponent('observations/coupe.csv')}.json`);
      const whole = readFileSync(manifest, 'utf8');
      writeFileSync(manifest, whole.slice(0, whole.lastIndexOf('"sha256"')));
      writeFileSync(join(data, 'observations', 'casse.csv'), 'indicator_id,period,value\ntournees_soutenues,2030-2031,"5\nx,y\n');

      const server = await start({ store, data });
      for (const path of ['/', '/connexion', '/historique', '/donnees', '/ententes', '/api/manifest'])
        expect((await text(server, path)).status, path).toBe(200);
      const donnees = (await text(server, '/donnees')).body;
      expect(donnees).toContain('Jeux de données écartés');
      for (const [name, reason] of [
        ['observations/mesures.csv', 'son contenu ne correspond plus à son empreinte'],
        ['observations/coupe.csv', 'la liste de ses versions est endommagée'],
        ['observations/casse.csv', 'le lecteur CSV le refuse']
      ])
        expect(donnees).toContain(`${name} : ${reason}`);
      expect((await text(server, '/historique')).body).toContain('Écarté : son contenu ne correspond plus à son empreinte');
      expect(server.log()).toContain(blob);
      expect(server.log()).toContain(join(data, 'observations', 'casse.csv'));

      // The editor restores version 1 from the Historique page's form.
      const { cookie } = await signIn(server, 'editrice', 'mot-de-passe-editrice');
      const restore = await fetch(`${server.url}/historique?/restore`, {
        method: 'POST',
        headers: {
          origin: server.origin,
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'x-sveltekit-action': 'true'
        },
        body: new URLSearchParams({ dataset: 'observations/mesures.csv', version: '1' })
      });
      expect(await restore.json()).toMatchObject({ type: 'success' });
      const after = (await text(server, '/donnees')).body;
      expect(after).not.toContain('observations/mesures.csv : son contenu');
      expect(after).toContain('observations/coupe.csv : la liste de ses versions est endommagée');

      // A catalogue whose header is cut: left out and said, not a page without charts and without a word.
      const indicators = join(data, 'indicators.csv');
      writeFileSync(indicators, readFileSync(indicators, 'utf8').replace(/^[^\n]*/, 'indicator_id,ax'));
      const deadline = Date.now() + 120_000;
      let page = '';
      while (Date.now() < deadline && !page.includes('indicators.csv : son en-tête')) {
        page = (await text(server, '/donnees')).body;
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(page).toContain('indicators.csv : son en-tête ne nomme pas les colonnes attendues');
      expect((await text(server, '/')).status).toBe(200);
    }
  );
});

describe('a store the server cannot write', () => {
  it(
    'says so at start-up; pages work; signing in says why in words (503), not "Internal Error"',
    { timeout: 300_000 },
    async () => {
      const store = tempDir('vigie-readonly-');
      await user(store, ['add', 'editrice', '--role', 'editor', '--password-stdin'], 'mot-de-passe-editrice');
      // The server runs as a user who may read the store, not write it: `nobody` when the tests run as
      // root (root writes anywhere), else the same user with the write bits taken away.
      const root = process.getuid?.() === 0;
      execFileSync('chmod', ['-R', root ? 'a+rX,go-w' : 'a-w', store]);
      try {
        const server = await start(root ? { store, uid: 65534, gid: 65534 } : { store });
        expect(server.log()).toContain(`the store folder ${store} cannot be written`);
        expect((await text(server, '/')).status).toBe(200);
        for (const password of ['mot-de-passe-editrice', 'mauvais-mot-de-passe']) {
          const res = await signIn(server, 'editrice', password);
          expect(res.status).toBe(503);
          expect(res.text).toContain('son dossier de stockage lui est en lecture seule');
        }
      } finally {
        execFileSync('chmod', ['-R', 'u+w', store]);
      }
    }
  );
});

describe('a server killed in the middle of receiving a publish', () => {
  it(
    'leaves an upload behind, which the next start removes at once (its writer is provably gone)',
    { timeout: 300_000 },
    async () => {
      const store = tempDir('vigie-killed-');
      await user(store, ['add', 'editrice', '--role', 'editor', '--password-stdin'], 'mot-de-passe-editrice');
      const first = await start({ store });
      const { cookie } = await signIn(first, 'editrice', 'mot-de-passe-editrice');
      // 18 MB sent slowly: the upload is on disk, still growing, when the server dies.
      const boundary = 'vigie-boundary';
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          if (sent === 0) {
            c.enqueue(
              new TextEncoder().encode(
                `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gros.csv"\r\nContent-Type: text/csv\r\n\r\nindicator_id,period,value\n`
              )
            );
          }
          if (sent >= 18 << 20) return new Promise(() => {}); // never ends
          sent += 1 << 20;
          c.enqueue(new TextEncoder().encode('tournees_soutenues,2030-2031,1\n'.repeat((1 << 20) / 31)));
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      void fetch(`${first.url}/api/publish`, {
        method: 'POST',
        headers: { origin: first.origin, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
        duplex: 'half'
      } as RequestInit).catch(() => {});
      const uploads = () => readdirSync(join(store, 'tmp')).filter((f) => f.startsWith('upload.'));
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !(uploads().length && sent >= 8 << 20)) await new Promise((r) => setTimeout(r, 200));
      expect(uploads()).toHaveLength(1);
      await first.kill();
      expect(uploads()).toHaveLength(1);

      const second = await start({ store });
      expect(uploads()).toEqual([]);
      expect(second.log()).toMatch(/removed 1 leftover file/);
    }
  );
});
