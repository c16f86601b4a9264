import type { SqlQuery } from './types';

/**
 * Answers of reads without parameters (the catalogue, the filter bar's choices, the annotations), kept
 * until anything else runs: pages ask for them on every filter change and they change only with the
 * data. Mosaic's coordinator caches query results by SQL text the same way.
 */
export class ReadCache {
  readonly #answers = new Map<string, unknown[]>();
  #generation = 0;

  /** How many times the data may have changed (writes, files registered or dropped). */
  get generation(): number {
    return this.#generation;
  }

  /** The kept answer to `q` (rows copied: callers may change them), or undefined. */
  get<T>(q: SqlQuery): T[] | undefined {
    const rows = q.params?.length ? undefined : this.#answers.get(q.sql);
    return rows?.map((r) => ({ ...(r as object) }) as T);
  }

  /**
   * Runs a read through the cache. An answer is kept only if nothing wrote meanwhile: a read that was
   * sent before a write answers about the data before it.
   */
  async read<T>(q: SqlQuery, run: () => Promise<T[]>): Promise<T[]> {
    const kept = this.get<T>(q);
    if (kept) return kept;
    const generation = this.#generation;
    const rows = await run();
    if (!q.params?.length && generation === this.#generation) this.#answers.set(q.sql, rows.map((r) => ({ ...(r as object) })));
    return rows;
  }

  /** Forgets every answer: called before a write, and when a file is registered or dropped. */
  clear(): void {
    this.#generation++;
    this.#answers.clear();
  }
}
