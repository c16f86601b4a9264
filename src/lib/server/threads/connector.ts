import { ReadCache } from '$lib/db/cache';
import { isRead, type Connector } from '$lib/db/types';
import type { Thread } from './thread';

/**
 * A Connector whose DuckDB lives in a worker thread: each statement is a message, its rows the answer.
 * The pages' code is unchanged, and a statement that takes the thread a second takes the server's event
 * loop nothing. Reads without parameters are kept here, as the Node connector keeps them.
 */
export function threadConnector(thread: Thread): Connector {
  const cache = new ReadCache();
  const refuse = () => Promise.reject(new Error('The server engine reads only: its data are loaded by its thread'));
  return {
    async query<T>(q: { sql: string; params?: readonly (string | number | boolean | null)[] }): Promise<T[]> {
      if (!isRead(q.sql)) {
        cache.clear();
        return (await thread.call('query', q)) as T[];
      }
      return cache.read<T>(q, async () => (await thread.call('query', q)) as T[]);
    },
    get generation() {
      return cache.generation;
    },
    registerText: refuse,
    registerBytes: refuse,
    dropFile: refuse,
    readFile: refuse
  };
}
