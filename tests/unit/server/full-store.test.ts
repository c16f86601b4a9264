import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actions } from '../../../src/routes/connexion/+page.server';
import { POST as restore } from '../../../src/routes/api/restore/+server';
import { createServices, services, useServices } from '$lib/server/services';
import { call, ORIGIN, requestEvent, sessionFor } from './events';
import { csv, tempStore } from './helpers';

// A full disk, as the file system says it: every file opened for writing under the store fails with
// ENOSPC once `full` is set (reads go on). No disk of this machine has to be filled for it.
const disk = vi.hoisted(() => ({ full: false, root: '' }));
vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  const open: typeof real.open = (path, flags, mode) => {
    const writes = typeof flags === 'string' && /[wax+]/.test(flags);
    if (disk.full && writes && String(path).startsWith(disk.root))
      return Promise.reject(Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), { code: 'ENOSPC' }));
    return real.open(path, flags, mode);
  };
  return { ...real, open, default: { ...real, open } };
});

beforeAll(async () => {
  disk.root = await tempStore('file');
  useServices(createServices(disk.root));
  await services().users.add('marie', 'editor', 'un-long-mot-de-passe');
});
afterAll(() => useServices(undefined));

describe('a store whose disk is full', () => {
  it('sign-in and restore say the store is full (503), not "Internal Error"; once room is made, they work', async () => {
    const editor = await sessionFor('editor');
    await services().store.publish('observations/plein.csv', csv(1), { by: 'marie' });
    await services().store.publish('observations/plein.csv', csv(2), { by: 'marie' });
    const signIn = async () => {
      const body = new URLSearchParams({ name: 'marie', password: 'un-long-mot-de-passe', suite: '/' });
      const headers = { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };
      const event = await requestEvent({ method: 'POST', path: '/connexion?/signin', body, headers });
      try {
        // A refusal is returned (fail), a success thrown (redirect), as SvelteKit's actions do.
        const failure = (await actions.signin!(event as never)) as { status: number; data: unknown };
        return { status: failure.status, body: failure.data };
      } catch (err) {
        const e = err as { status?: number; location?: string };
        if (typeof e.status === 'number') return { status: e.status, body: e.location };
        throw err;
      }
    };
    const restoreFirst = async () =>
      call(
        restore,
        await requestEvent({
          method: 'POST',
          path: '/api/restore',
          token: editor,
          headers: { origin: ORIGIN, 'content-type': 'application/json' },
          body: JSON.stringify({ dataset: 'observations/plein.csv', version: 1 })
        })
      );
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    disk.full = true;
    try {
      const refused = await signIn();
      expect(refused).toMatchObject({ status: 503, body: { error: 'store', store: 'full' } });
      const api = await restoreFirst();
      expect(api.status).toBe(503);
      expect(api.body).toMatchObject({ code: 'store_full' });
      expect(String((api.body as { message: string }).message)).toContain('son dossier de stockage est plein');
      expect(errors.join('\n')).toContain(`ENOSPC on ${disk.root}`);
      expect((await services().store.versions('observations/plein.csv')).length).toBe(2); // nothing half-written
    } finally {
      disk.full = false;
      spy.mockRestore();
    }
    expect((await signIn()).status).toBe(303);
    expect((await restoreFirst()).status).toBe(200);
  });
});
