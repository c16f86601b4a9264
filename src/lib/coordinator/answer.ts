import type { Coordinator } from './coordinator';

/** Who answered a page's model. */
export type AnsweredBy = 'browser' | 'server';

/** Where a page's model may come from, in the browser. */
export interface Answerers<M> {
  /** The browser's engine when it already holds the data; null while it loads. */
  ready: () => Coordinator | null;
  /** The browser's engine once it holds the data (starting it if needed). */
  engine: () => Promise<Coordinator>;
  /** The server's answer for the same parameters, over HTTP (the server connector). */
  server: () => Promise<M>;
  /** Whether only the browser can answer: it holds data imported here, which the server never saw. */
  localOnly: () => boolean;
  /** The server's answer already asked for these parameters (ahead of the choice), or null. */
  held?: () => Promise<M> | null;
}

/**
 * The choice of who answers, Mosaic-style: the browser's engine once it holds the data (from memory
 * when it can: no round trip), the server until then, so that a choice made while the engine loads is
 * drawn at once rather than after it. When the server cannot answer (offline), the engine does. An
 * answer the server was already asked for comes first: the same figures, and no wait for the engine's
 * first work after its load (the in-memory index built for the page).
 */
export async function answer<M>(
  compute: (db: Coordinator) => Promise<M>,
  from: Answerers<M>
): Promise<{ model: M; by: AnsweredBy }> {
  const held = from.localOnly() ? null : from.held?.();
  if (held) {
    const model = await held.catch(() => null);
    if (model !== null) return { model, by: 'server' };
  }
  const ready = from.ready();
  if (ready) return { model: await compute(ready), by: 'browser' };
  if (!from.localOnly()) {
    try {
      return { model: await from.server(), by: 'server' };
    } catch {
      // the server is out of reach: the engine, when it has the data
    }
  }
  return { model: await compute(await from.engine()), by: 'browser' };
}

/**
 * Requests of which only the latest counts: an answer that arrives after a newer request was made is
 * dropped, so that a slow answer for old parameters never overwrites a newer one.
 */
export class Latest {
  #ticket = 0;

  /** Runs `work`; its result, or `{ current: false }` when a later request was made meanwhile. */
  async run<T>(work: () => Promise<T>): Promise<{ current: true; value: T } | { current: false }> {
    const ticket = ++this.#ticket;
    try {
      const value = await work();
      return ticket === this.#ticket ? { current: true, value } : { current: false };
    } catch (err) {
      if (ticket !== this.#ticket) return { current: false }; // an old request's failure says nothing now
      throw err;
    }
  }

  /** Drops whatever is under way (the page was left, or went back to the server's own model). */
  cancel(): void {
    this.#ticket++;
  }
}
