import type { SqlQuery } from '$lib/db/types';

/**
 * Answers of reads without parameters (the catalogue, the filter bar's choices, the annotations), kept
 * until the data changes: pages ask for them on every filter change. Mosaic's coordinator caches query
 * results by SQL text the same way.
 */
export class ReadCache {
  readonly #answers = new Map<string, unknown[]>();

  /** The kept answer to `q` (rows copied: callers may change them), or undefined. */
  get<T>(q: SqlQuery): T[] | undefined {
    const rows = q.params?.length ? undefined : this.#answers.get(q.sql);
    return rows?.map((r) => ({ ...(r as object) }) as T);
  }

  /** Keeps `rows` as the answer to `q` (a read without parameters only). */
  set(q: SqlQuery, rows: readonly unknown[]): void {
    if (!q.params?.length)
      this.#answers.set(
        q.sql,
        rows.map((r) => ({ ...(r as object) }))
      );
  }

  /** Forgets every answer. */
  clear(): void {
    this.#answers.clear();
  }
}
