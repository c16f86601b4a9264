import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices, useServices } from '$lib/server/services';
import { KeptThread } from '$lib/server/threads/kept';
import type { Thread } from '$lib/server/threads/thread';
import { tempStore } from './helpers';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

beforeAll(async () => useServices(createServices(await tempStore('file'))));
afterAll(() => useServices(undefined));

describe('a kept worker thread', () => {
  it('outlives a job that fails inside it: the job beside it still gets its answer, and the next job reuses it', async () => {
    const kept = new KeptThread();
    let used: Thread | undefined;
    // A comparison that fails in the thread (here: a query before any data is loaded)…
    const failing = kept.run((thread) => {
      used = thread;
      return thread.call('query', { sql: 'SELECT 1' });
    });
    // …while another job is still waiting on the same thread.
    const beside = kept.run(async (thread) => {
      await failing.catch(() => {});
      return thread.call('ready', undefined);
    });
    await expect(failing).rejects.toThrow('No data loaded in this thread');
    await expect(beside).resolves.toBe(true);
    await expect(kept.run(async (thread) => thread)).resolves.toBe(used);
    kept.close();
  });

  it('is replaced once it has died, by the next job', async () => {
    const kept = new KeptThread();
    const first = await kept.run(async (thread) => thread);
    await first.close();
    await expect.poll(() => first.alive).toBe(false);
    const second = await kept.run(async (thread) => thread);
    expect(second).not.toBe(first);
    await expect(kept.run((thread) => thread.call('ready', undefined))).resolves.toBe(true);
    kept.close();
  });
});
