import { afterEach, describe, expect, it, vi } from 'vitest';
import { AHEAD_MS, askAhead, forgetAhead, serverModel } from '$lib/coordinator/remote';

/** What the filter form's inline script leaves when a choice is made before the page hydrated. */
const scope = globalThis as { __vigieEarlyModel?: { url: string; response: Promise<Response> } };
const early = (url: string, response: Promise<Response>) => (scope.__vigieEarlyModel = { url, response });
const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

describe('the server connector and a choice made before hydration', () => {
  afterEach(() => delete scope.__vigieEarlyModel);

  it('uses the answer already asked for the same parameters, once', async () => {
    early('/api/model/overview?programme=CALQ&region=Europe', Promise.resolve(json({ by: 'early' })));
    const fetcher = vi.fn(async () => json({ by: 'asked' }));
    // The page writes its parameters in its own order: the same choice all the same.
    await expect(serverModel('overview', 'region=Europe&programme=CALQ', '', fetcher)).resolves.toEqual({ by: 'early' });
    expect(fetcher).not.toHaveBeenCalled();
    await expect(serverModel('overview', 'region=Europe&programme=CALQ', '', fetcher)).resolves.toEqual({ by: 'asked' });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('asks again when the early answer was for other parameters, another page, or did not come', async () => {
    const fetcher = vi.fn(async () => json({ by: 'asked' }));
    early('/api/model/overview?region=Asie', Promise.resolve(json({ by: 'early' })));
    await expect(serverModel('overview', 'region=Europe', '', fetcher)).resolves.toEqual({ by: 'asked' });
    early('/api/model/indicator?id=tours&region=Europe', Promise.resolve(json({ by: 'early' })));
    await expect(serverModel('indicator', 'region=Europe', 'money', fetcher)).resolves.toEqual({ by: 'asked' });
    early('/api/model/overview?region=Europe', Promise.reject(new TypeError('Failed to fetch')));
    await expect(serverModel('overview', 'region=Europe', '', fetcher)).resolves.toEqual({ by: 'asked' });
    expect(fetcher).toHaveBeenCalledTimes(3);
    expect(scope.__vigieEarlyModel).toBeUndefined();
  });

  it('matches an indicator page with its id among the parameters', async () => {
    early('/api/model/indicator?id=tours&region=Europe', Promise.resolve(json({ by: 'early' })));
    const fetcher = vi.fn(async () => json({ by: 'asked' }));
    await expect(serverModel('indicator', 'region=Europe', 'tours', fetcher)).resolves.toEqual({ by: 'early' });
  });
});

describe('answers asked ahead of a choice', () => {
  afterEach(() => {
    forgetAhead();
    vi.useRealTimers();
  });

  it('draws a choice from the answer asked when the pointer reached its menu, without asking again', async () => {
    const fetcher = vi.fn(async (url: string | URL | Request) => json({ url: String(url) }));
    askAhead('overview', '?region=Europe&programme=CALQ', '', fetcher);
    askAhead('overview', '?programme=CALQ&region=Europe', '', fetcher); // the same answer: asked once
    askAhead('overview', '?region=Asie', '', fetcher);
    expect(fetcher).toHaveBeenCalledTimes(2);
    const europe = await serverModel('overview', 'programme=CALQ&region=Europe', '', fetcher);
    expect(europe).toEqual({ url: '/api/model/overview?region=Europe&programme=CALQ' });
    // Going back to it a moment later: still no round trip.
    await expect(serverModel('overview', '?region=Europe&programme=CALQ', '', fetcher)).resolves.toEqual(europe);
    expect(fetcher).toHaveBeenCalledTimes(2);
    // A choice that was not asked ahead is asked then.
    await serverModel('overview', '?region=Afrique', '', fetcher);
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it('asks again once the answer is old, failed, or forgotten', async () => {
    vi.useFakeTimers();
    let status = 502;
    const fetcher = vi.fn(async () => (status === 200 ? json({ ok: true }) : new Response('', { status })));
    askAhead('indicator', '?region=Europe', 'tours', fetcher);
    status = 200;
    // The answer asked ahead failed: the choice asks for itself and gets its answer.
    await expect(serverModel('indicator', '?region=Europe', 'tours', fetcher)).resolves.toEqual({ ok: true });
    expect(fetcher).toHaveBeenCalledTimes(2);

    askAhead('indicator', '?region=Asie', 'tours', fetcher);
    vi.advanceTimersByTime(AHEAD_MS + 1); // a publish may have changed it since
    await serverModel('indicator', '?region=Asie', 'tours', fetcher);
    expect(fetcher).toHaveBeenCalledTimes(4);

    askAhead('indicator', '?region=Amériques', 'tours', fetcher);
    forgetAhead();
    await serverModel('indicator', '?region=Amériques', 'tours', fetcher);
    expect(fetcher).toHaveBeenCalledTimes(6);
  });
});

describe('answers asked ahead before hydration', () => {
  const scope = globalThis as { __vigieAhead?: Record<string, { at: number; response: Promise<Response> }> };
  afterEach(() => forgetAhead());

  it("takes over what the filter form's inline script asked ahead, by the same keys", async () => {
    scope.__vigieAhead = {
      '/api/model/overview?region=Asie': { at: Date.now(), response: Promise.resolve(json({ by: 'ahead' })) },
      '/api/model/overview?region=Europe': { at: Date.now(), response: Promise.resolve(new Response('', { status: 500 })) },
      '/api/model/overview?region=Afrique': { at: Date.now() - AHEAD_MS - 1, response: Promise.resolve(json({ by: 'old' })) }
    };
    const fetcher = vi.fn(async () => json({ by: 'asked' }));
    await expect(serverModel('overview', 'region=Asie', '', fetcher)).resolves.toEqual({ by: 'ahead' });
    expect(fetcher).not.toHaveBeenCalled();
    expect(scope.__vigieAhead).toBeUndefined();
    // A failed answer or an old one: asked again.
    await expect(serverModel('overview', 'region=Europe', '', fetcher)).resolves.toEqual({ by: 'asked' });
    await expect(serverModel('overview', 'region=Afrique', '', fetcher)).resolves.toEqual({ by: 'asked' });
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});
