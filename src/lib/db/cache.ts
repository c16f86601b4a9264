import type { Connector, SqlQuery } from './types';

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
    if (!q.params?.length && generation === this.#generation)
      this.#answers.set(
        q.sql,
        rows.map((r) => ({ ...(r as object) }))
      );
    return rows;
  }

  /** Forgets every answer: called before a write, and when a file is registered or dropped. */
  clear(): void {
    this.#generation++;
    this.#answers.clear();
  }
}

const derived = new WeakMap<Connector, Map<string, { generation: number; value: Promise<unknown> }>>();

/**
 * What `compute` makes of `db`'s data, computed once and kept, under `key`, until the data changes (the
 * connector's generation): an index or a page's fixed reads. A failure is not kept: the next call tries
 * again. A computation that raced a change of data is kept under the generation it started at, so the
 * next call computes it again.
 */
export function keptUntilDataChanges<T>(db: Connector, key: string, compute: () => Promise<T>): Promise<T> {
  const byKey = derived.get(db) ?? new Map<string, { generation: number; value: Promise<unknown> }>();
  derived.set(db, byKey);
  const found = byKey.get(key);
  if (found && found.generation === db.generation) return found.value as Promise<T>;
  const value = compute();
  byKey.set(key, { generation: db.generation, value });
  value.catch(() => byKey.get(key)?.value === value && byKey.delete(key));
  return value;
}
