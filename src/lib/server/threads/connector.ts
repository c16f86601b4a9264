import type { Connector } from '$lib/db/types';
import type { Thread } from './thread';

/**
 * A Connector whose DuckDB lives in a worker thread: each statement is a message, its rows the answer.
 * The pages' code is unchanged, and a statement that takes the thread a second takes the server's event
 * loop nothing. Thin, like the other connectors: the coordinator over it keeps reads and counts changes.
 */
export function threadConnector(thread: Thread): Connector {
  const refuse = () => Promise.reject(new Error('The server engine reads only: its data are loaded by its thread'));
  return {
    async query<T>(q: { sql: string; params?: readonly (string | number | boolean | null)[] }): Promise<T[]> {
      return (await thread.call('query', q)) as T[];
    },
    registerText: refuse,
    registerBytes: refuse,
    dropFile: refuse,
    readFile: refuse
  };
}
