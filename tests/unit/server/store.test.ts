import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_BYTES } from '$lib/import/limits';
import { atomicWrite } from '$lib/server/fsio';
import { isDatasetName, kindOfName } from '$lib/server/names';
import { FileStore, StoreError } from '$lib/server/store';
import { csv, tempStore, text } from './helpers';

const NAME = 'observations/imports-test.csv';

describe('dataset names', () => {
  it('accepts the contract names and refuses traversal, absolute paths and odd characters', () => {
    for (const ok of [
      'indicators.csv',
      'agreements.csv',
      'annotations.csv',
      'observations/sample.csv',
      'observations/imports-a_b-2.csv',
      'catalogue/imports-x.csv'
    ]) {
      expect(isDatasetName(ok), ok).toBe(true);
    }
    for (const bad of [
      '../etc/passwd',
      '/etc/passwd',
      'observations/../indicators.csv',
      'observations/../../x.csv',
      'observations/a/b.csv',
      'observations/.hidden.csv',
      'observations/A.csv',
      'observations/a b.csv',
      'observations/a\0.csv',
      'observations\\x.csv',
      'observations/x.txt',
      'observations/%2e%2e.csv',
      'C:\\data\\x.csv',
      'observations/é.csv',
      '',
      'observations/' + 'a'.repeat(81) + '.csv'
    ]) {
      expect(isDatasetName(bad), bad).toBe(false);
    }
    expect(kindOfName('catalogue/x.csv')).toBe('indicators');
    expect(kindOfName('observations/../x.csv')).toBe(null);
    expect(kindOfName('observations/..csv')).toBe(null);
  });
});

describe('FileStore', () => {
  it('records versions 1, 2, 3 with their content, author and file name, and reads each back intact', async () => {
    const store = new FileStore(await tempStore());
    expect(await store.versions(NAME)).toEqual([]);
    const a = await store.publish(NAME, csv(1), { by: 'marie', fileName: 'a.csv', rows: 1 });
    const b = await store.publish(NAME, csv(2), { by: 'jean', fileName: 'b.csv', rows: 1, replaces: true });
    expect([a.version, b.version]).toEqual([1, 2]);
    expect(b).toMatchObject({
      action: 'publish',
      by: 'jean',
      fileName: 'b.csv',
      rows: 1,
      replaces: true,
      bytes: csv(2).byteLength
    });
    expect(text(await store.read(NAME, 1))).toBe(text(csv(1)));
    expect(text(await store.read(NAME, 2))).toBe(text(csv(2)));
    expect((await store.list()).map((d) => [d.name, d.kind, d.versions.length])).toEqual([[NAME, 'observations', 2]]);
    await expect(store.read(NAME, 3)).rejects.toMatchObject({ code: 'unknown_version' });
  });

  it('restores an earlier version as a new one, deleting nothing; a withdrawal has no content', async () => {
    const store = new FileStore(await tempStore());
    await store.publish(NAME, csv(1), { by: 'marie', fileName: 'a.csv' });
    await store.publish(NAME, csv(2), { by: 'marie', fileName: 'b.csv' });
    const r = await store.restore(NAME, 1, { by: 'jean' });
    expect(r).toMatchObject({ version: 3, action: 'restore', restoredFrom: 1, by: 'jean', fileName: 'a.csv' });
    expect(text(await store.read(NAME, 3))).toBe(text(csv(1)));
    expect(text(await store.read(NAME, 2))).toBe(text(csv(2))); // still there
    const w = await store.withdraw(NAME, { by: 'jean' });
    expect(w).toMatchObject({ version: 4, action: 'withdraw', sha256: null });
    expect(await store.read(NAME, 4)).toBe(null);
    expect((await store.restore(NAME, 2, { by: 'marie' })).version).toBe(5);
    await expect(store.restore(NAME, 9, { by: 'marie' })).rejects.toBeInstanceOf(StoreError);
    expect((await store.versions(NAME)).map((v) => v.action)).toEqual(['publish', 'publish', 'restore', 'withdraw', 'restore']);
  });

  it('keeps one immutable file per content, and a restore reuses it', async () => {
    const root = await tempStore();
    const store = new FileStore(root);
    const a = await store.publish(NAME, csv(1), { by: 'm' });
    await store.publish(NAME, csv(2), { by: 'm' });
    await store.restore(NAME, 1, { by: 'm' });
    const blob = join(root, 'blobs', a.sha256!.slice(0, 2), `${a.sha256}.csv`);
    expect((await stat(blob)).mode & 0o222).toBe(0); // read-only
    const blobs = (await readdir(join(root, 'blobs'), { recursive: true })).filter((f) => f.endsWith('.csv'));
    expect(blobs).toHaveLength(2);
  });

  it('refuses bad names and files over the import limit, before writing anything', async () => {
    const root = await tempStore();
    const store = new FileStore(root);
    for (const bad of ['../x.csv', '/etc/passwd', 'observations/../../x.csv', 'data/x.csv']) {
      await expect(store.publish(bad, csv(1), { by: 'm' })).rejects.toMatchObject({ code: 'bad_name' });
    }
    await expect(store.publish(NAME, new Uint8Array(MAX_IMPORT_BYTES + 1), { by: 'm' })).rejects.toMatchObject({
      code: 'too_large'
    });
    expect(await readdir(root)).toEqual([]);
  });

  it('detects a version whose content was altered on disk', async () => {
    const root = await tempStore();
    const store = new FileStore(root);
    const a = await store.publish(NAME, csv(1), { by: 'm' });
    const blob = join(root, 'blobs', a.sha256!.slice(0, 2), `${a.sha256}.csv`);
    await writeFile(blob, 'indicator_id,period,value\nx,2020,666\n', { mode: 0o644 }).catch(async () => {
      const { chmod } = await import('node:fs/promises');
      await chmod(blob, 0o644);
      await writeFile(blob, 'indicator_id,period,value\nx,2020,666\n');
    });
    await expect(store.read(NAME, 1)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('reads a damaged manifest as far as it goes, says why, and refuses to restore a content that fails its hash', async () => {
    const root = await tempStore();
    const store = new FileStore(root);
    const a = await store.publish(NAME, csv(1), { by: 'm' });
    await store.publish(NAME, csv(2), { by: 'm' });
    await store.publish(NAME, csv(3), { by: 'm' });
    const path = join(root, 'datasets', `${encodeURIComponent(NAME)}.json`);
    const whole = await readFile(path, 'utf8');
    for (const [cut, kept] of [
      [whole.lastIndexOf('"by"'), [1, 2]],
      [whole.indexOf('"versions"') + 14, []],
      [whole.length - 3, [1, 2, 3]]
    ] as const) {
      await writeFile(path, whole.slice(0, cut));
      const fresh = new FileStore(root);
      const [listed] = await fresh.list();
      expect(listed, `cut at ${cut}`).toMatchObject({ name: NAME, damage: expect.stringContaining('.json') });
      expect(listed!.versions.map((v) => v.version)).toEqual(kept);
    }
    await writeFile(path, JSON.stringify({ name: NAME, versions: [{ version: 'un' }] }));
    expect((await new FileStore(root).list())[0]).toMatchObject({
      damage: expect.stringContaining('not a list of versions'),
      versions: []
    });
    await writeFile(path, whole);
    const blob = join(root, 'blobs', a.sha256!.slice(0, 2), `${a.sha256}.csv`);
    const { chmod } = await import('node:fs/promises');
    await chmod(blob, 0o644);
    await writeFile(blob, 'indicator_id,period,value\nx,2020,666\n');
    await expect(new FileStore(root).restore(NAME, 1, { by: 'm' })).rejects.toMatchObject({ code: 'corrupt' });
    expect((await new FileStore(root).versions(NAME)).length).toBe(3);
  });

  it('writes atomically: the target is the old file or the new one, and no temporary file stays', async () => {
    const root = await tempStore();
    const target = join(root, 'x.json');
    await atomicWrite(root, target, 'old');
    await Promise.all(Array.from({ length: 20 }, (_, i) => atomicWrite(root, target, `new ${i}`.repeat(10_000))));
    expect(await readFile(target, 'utf8')).toMatch(/^(new \d+)+$/);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('gives 20 concurrent publishes 20 intact versions, in the order they were called', async () => {
    const store = new FileStore(await tempStore());
    await store.publish(NAME, csv('start'), { by: 'm' });
    const started = performance.now();
    const records = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.publish(NAME, csv(i), { by: `editor${i}`, fileName: `f${i}.csv` }))
    );
    const ms = performance.now() - started;
    expect(records.map((r) => r.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const versions = await store.versions(NAME);
    expect(versions).toHaveLength(21);
    for (let i = 0; i < 20; i++) {
      expect(versions[i + 1]).toMatchObject({ version: i + 2, by: `editor${i}`, fileName: `f${i}.csv` });
      expect(text(await store.read(NAME, i + 2))).toBe(text(csv(i)));
    }
    console.log(`20 concurrent publishes: ${ms.toFixed(0)} ms`);
  });

  it('two store objects over one folder (two processes, say) never allocate the same version', async () => {
    const root = await tempStore();
    const [a, b] = [new FileStore(root), new FileStore(root)];
    const records = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).publish(NAME, csv(i), { by: 'm' })));
    expect(records.map((r) => r.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of records) expect(text(await a.read(NAME, r.version))).toBe(text(csv(records.indexOf(r))));
  });
});

/** Starts the crash child and resolves once it printed `until`; returns the process. */
function child(root: string, mode: string, until: RegExp) {
  const proc = spawn(process.execPath, [join(import.meta.dirname, 'crash-child.mjs'), root, mode], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  const reached = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (until.test(out)) resolve(out);
    });
    proc.stderr.on('data', (chunk) => (out += chunk));
    proc.on('exit', (code) => reject(new Error(`child exited (${code}) before ${until}: ${out}`)));
  });
  const killed = new Promise((r) => proc.on('exit', r));
  return { proc, reached, kill: async () => (proc.kill('SIGKILL'), await killed) };
}

describe('a server killed in the middle of a publish', () => {
  it('restarts with the previous versions intact and no half-written one visible', async () => {
    const root = await tempStore();
    const store = new FileStore(root);
    await store.publish(NAME, csv(1), { by: 'm' });
    await store.publish(NAME, csv(2), { by: 'm' });
    const before = await readFile(join(root, 'datasets', `${encodeURIComponent(NAME)}.json`), 'utf8');

    // Killed after its content is written and synced, before the version is recorded.
    const c = child(root, 'pause', /paused/);
    await c.reached;
    await c.kill();
    // And a temporary file as a kill in the middle of a write leaves it.
    await mkdir(join(root, 'tmp'), { recursive: true });
    await writeFile(join(root, 'tmp', 'half-written.tmp'), 'indicator_id,period,va');

    const restarted = new FileStore(root);
    const removed = await restarted.recover({ tempOlderThanMs: 0 });
    expect(removed.some((f) => f.endsWith('half-written.tmp'))).toBe(true);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await readFile(join(root, 'datasets', `${encodeURIComponent(NAME)}.json`), 'utf8')).toBe(before);
    expect((await restarted.versions(NAME)).map((v) => v.version)).toEqual([1, 2]);
    expect(text(await restarted.read(NAME, 2))).toBe(text(csv(2)));
    // Publishing goes on from there.
    expect((await restarted.publish(NAME, csv(3), { by: 'm' })).version).toBe(3);
  });

  it('a temporary file whose writer was killed is removed at once, not 15 minutes later; one still being written is kept', async () => {
    const root = await tempStore();
    const c = child(root, 'upload', /written/);
    await c.reached;
    const leftover = async () => (await readdir(join(root, 'tmp'))).filter((f) => f.startsWith('upload.'));
    expect(await leftover()).toHaveLength(1);
    const store = new FileStore(root);
    expect(await store.recover()).toEqual([]); // its writer is alive: kept
    expect(await leftover()).toHaveLength(1);
    await c.kill();
    const removed = await store.recover(); // the default: 15 minutes for files whose writer is not known dead
    expect(removed).toHaveLength(1);
    expect(await leftover()).toEqual([]);
    // A file of another machine sharing the folder is kept until old: its writer may be alive there.
    await writeFile(join(root, 'tmp', 'write.autre-serveur.12345.x.tmp'), 'x');
    expect(await store.recover()).toEqual([]);
    expect((await store.recover({ tempOlderThanMs: 0 })).map((p) => basename(p))).toEqual(['write.autre-serveur.12345.x.tmp']);
  });

  it('counts a temporary file written in this very millisecond as 0 ms old, not as from the future', async () => {
    // File times have sub-millisecond precision, Date.now() whole milliseconds: a file written in the
    // current millisecond looked a fraction of a millisecond *younger* than 0, and `tempOlderThanMs: 0`
    // kept it (CI failed once on the test above this way).
    const root = await tempStore();
    await mkdir(join(root, 'tmp'), { recursive: true });
    const path = join(root, 'tmp', 'write.autre-serveur.12345.y.tmp');
    await writeFile(path, 'x');
    const { mtimeMs } = await stat(path);
    const now = vi.spyOn(Date, 'now').mockReturnValue(Math.floor(mtimeMs));
    try {
      expect(mtimeMs % 1).toBeGreaterThan(0); // the case itself: a fraction of a millisecond
      expect((await new FileStore(root).recover({ tempOlderThanMs: 0 })).map((p) => basename(p))).toEqual([basename(path)]);
    } finally {
      now.mockRestore();
    }
  });

  it('a lock left by a killed process does not block the next publish', async () => {
    const root = await tempStore();
    const c = child(root, 'locked', /locked/);
    await c.reached;
    await c.kill();
    expect((await readdir(join(root, 'datasets'))).some((f) => f.endsWith('.lock'))).toBe(true);
    const store = new FileStore(root);
    const started = Date.now();
    expect((await store.publish(NAME, csv(1), { by: 'm' })).version).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('killed at a random moment of a run of publishes: every recorded version reads back intact', async () => {
    const root = await tempStore();
    const seen: string[] = [];
    for (const delay of [150, 400, 700]) {
      const c = child(root, 'loop', /v\d+\n/);
      await c.reached;
      await new Promise((r) => setTimeout(r, delay));
      await c.kill();
      const store = new FileStore(root);
      const leftovers = await store.recover({ tempOlderThanMs: 0 });
      const versions = await store.versions('observations/crash.csv');
      seen.push(`${versions.length} versions, ${leftovers.length} leftover temp file(s)`);
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      for (const v of versions) {
        const body = text(await store.read('observations/crash.csv', v.version))!; // checks the SHA-256 too
        expect(body.startsWith('indicator_id,period,value\n')).toBe(true);
      }
    }
    console.log(`kills mid-run: ${seen.join('; ')}`);
  }, 30_000);
});
