import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../../src/hooks.server';
import { SESSION_COOKIE } from '$lib/server/auth';
import { createServices, useServices } from '$lib/server/services';
import { cookieJar, sessionFor } from './events';
import { tempStore } from './helpers';

beforeAll(async () => useServices(createServices(await tempStore('file'))));
afterAll(() => useServices(undefined));
afterEach(() => delete process.env.VIGIE_REQUIRE_LOGIN);

/** Runs the server hook on a path; returns its status (a thrown redirect's too) and the locals it set. */
async function through(path: string, token?: string) {
  const url = new URL(path, 'http://vigie.test');
  const event = {
    url,
    cookies: cookieJar(token ? { [SESSION_COOKIE]: token } : {}).jar,
    locals: {},
    request: new Request(url)
  } as unknown as RequestEvent;
  try {
    const res = await handle({ event, resolve: async () => new Response('page') });
    return { status: res.status, location: null, locals: event.locals };
  } catch (err) {
    const e = err as { status: number; location: string };
    return { status: e.status, location: e.location, locals: event.locals };
  }
}

describe('server hook', () => {
  it('puts the session account in locals, keeps the language', async () => {
    const token = await sessionFor('editor', 'marie');
    expect((await through('/?lang=en', token)).locals).toEqual({ lang: 'en', user: { name: 'marie', role: 'editor' } });
    expect((await through('/')).locals).toEqual({ lang: 'fr', user: null });
  });

  it('lets anonymous visitors view by default', async () => {
    expect((await through('/')).status).toBe(200);
    expect((await through('/api/history')).status).toBe(200);
  });

  it('with VIGIE_REQUIRE_LOGIN=1, sends anonymous visitors to sign in, and answers 401 to the API', async () => {
    process.env.VIGIE_REQUIRE_LOGIN = '1';
    expect(await through('/ententes?de=2016')).toMatchObject({
      status: 303,
      location: '/connexion?suite=%2Fententes%3Fde%3D2016'
    });
    expect((await through('/api/datasets/indicators.csv')).status).toBe(401);
    expect((await through('/api/snapshot?key=indicators.csv')).status).toBe(401); // the data's tables too
    expect((await through('/connexion')).status).toBe(200);
    expect((await through('/', await sessionFor('viewer'))).status).toBe(200);
  });
});
