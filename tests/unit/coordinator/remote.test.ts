import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverModel } from '$lib/coordinator/remote';

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
