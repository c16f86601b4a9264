import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, load } from '../../../src/routes/connexion/+page.server';
import { createServices, services, useServices } from '$lib/server/services';
import { sameOriginPath } from '$lib/server/suite';
import { call, ORIGIN, requestEvent } from './events';
import { tempStore } from './helpers';

beforeAll(async () => {
  useServices(createServices(await tempStore('file')));
  await services().users.add('marie', 'editor', 'un-long-mot-de-passe');
});
afterAll(() => useServices(undefined));

/** Signs in with the form as the page sends it, `suite` included; returns where the server sends the browser. */
async function signInThen(suite: string): Promise<{ status: number; location: unknown }> {
  const body = new URLSearchParams({ name: 'marie', password: 'un-long-mot-de-passe', suite });
  const event = await requestEvent({
    method: 'POST',
    path: '/connexion?/signin',
    body,
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }
  });
  const { status, body: location } = await call(actions.signin as never, event);
  return { status, location };
}

describe('after sign-in, the browser goes back only to a page of this site', () => {
  it.each([
    ['/\t/evil.example', '/'],
    ['/\t\t//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['//evil.example', '/'],
    ['https://evil.example/', '/'],
    ['https:evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['http://vigie.test.evil.example/', '/'],
    ['/indicateurs/x?de=2016#y', '/indicateurs/x?de=2016#y'],
    [`${ORIGIN}/ententes`, '/ententes'],
    ['', '/']
  ])('suite=%j → %s', async (suite, expected) => {
    expect(await signInThen(suite)).toEqual({ status: 303, location: expected });
  });

  it('a line break in suite is no server error: no control character reaches the Location header', async () => {
    for (const suite of ['/a\nb', '/a\r\nSet-Cookie: x=1', '/\n/evil.example']) {
      const { status, location } = await signInThen(suite);
      expect(status).toBe(303);
      expect([...String(location)].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
      expect(new URL(String(location), ORIGIN).origin).toBe(ORIGIN);
    }
  });

  it('the sign-in page carries only a same-origin suite into its form', async () => {
    const event = await requestEvent({ path: '/connexion?suite=/%09/evil.example' });
    const data = (await load(event as never)) as { suite: string };
    expect(data.suite).toBe('/');
    expect(sameOriginPath('/historique', ORIGIN)).toBe('/historique');
  });
});
