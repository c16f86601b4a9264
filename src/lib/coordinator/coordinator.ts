import { isRead, type Connector, type Row, type SqlQuery } from '$lib/db/types';
import type { Dimension, Filters } from '$lib/queries/filters';
import {
  breakdownQuery,
  coarserRollups,
  rollupBuild,
  seriesQuery,
  type BreakdownPoint,
  type SeriesPoint
} from '$lib/queries/observations';
import { seriesIndexQuery, type IndexRow } from '$lib/queries/series-index';
import { ReadCache } from './cache';
import { breakdownFromIndex, buildSeriesIndex, seriesFromIndex, type SeriesIndex } from './series-index';

/** Compresses the data's database (`Coordinator.compress`). */
const CHECKPOINT: SqlQuery = { sql: 'CHECKPOINT vigie' };

/** How a coordinator answers. */
export interface CoordinatorOptions {
  /**
   * Answer series and breakdowns from indexes kept in memory (Mosaic's pre-aggregation), built when
   * first asked for and again after the data changes: the browser, where one page asks the same few
   * indicators again on every filter change. Off on the server, whose renders are one-off.
   */
  preaggregate?: boolean;
}

/**
 * The one door to the data for page models, over a thin connector (DuckDB in the browser's worker or
 * in Node), in Mosaic's shape: it caches reads, counts changes of data (`generation`), runs
 * transactions, builds the coarser rollups when a read first needs them, and answers series and
 * breakdowns from memory when it pre-aggregates. Views ask it for rows and never know which of these
 * answered.
 */
export class Coordinator implements Connector {
  readonly #db: Connector;
  readonly #preaggregate: boolean;
  readonly #cache = new ReadCache();
  readonly #kept = new Map<string, { generation: number; value: Promise<unknown> }>();
  #generation = 0;
  #transactions: Promise<unknown> = Promise.resolve();
  /** Work begun with `after` that reads wait for (never rejects), and the same as its caller sees it. */
  #pending: Promise<void> | null = null;
  #settled: Promise<void> = Promise.resolve();

  constructor(connector: Connector, options: CoordinatorOptions = {}) {
    this.#db = connector;
    this.#preaggregate = options.preaggregate ?? false;
  }

  /**
   * Grows whenever the data may have changed (a write, a file registered or dropped): what was computed
   * from the data at one generation is stale at another.
   */
  get generation(): number {
    return this.#generation;
  }

  /** Forgets every kept answer: the data may have changed. */
  #changed(): void {
    this.#generation++;
    this.#cache.clear();
    this.#kept.clear();
  }

  /**
   * Runs one statement. A read without parameters is answered from the cache when it can, and kept
   * only if nothing wrote meanwhile (a read sent before a write answers about the data before it);
   * anything else forgets what was kept. The tables a read `needs` are built first.
   */
  async query<T = Row>(q: SqlQuery): Promise<T[]> {
    if (!isRead(q.sql)) {
      this.#changed();
      try {
        return await this.#db.query<T>(q);
      } finally {
        this.#changed(); // reads that raced the write are not kept either
      }
    }
    if (this.#pending) await this.#pending;
    const kept = this.#cache.get<T>(q);
    if (kept) return kept;
    const generation = this.#generation;
    await this.#built(q.needs);
    const rows = await this.#db.query<T>(q).catch(async (err: unknown) => {
      // The data changed since its tables were built (a load drops them): built anew, read again.
      if (!q.needs?.length || generation === this.#generation) throw err;
      await this.#built(q.needs);
      return this.#db.query<T>(q);
    });
    if (generation === this.#generation) this.#cache.set(q, rows);
    return rows;
  }

  /**
   * Runs `work` after the transactions and builds queued before it; the ones queued after wait for it.
   * DuckDB has one transaction open per connection: a table built inside another's would be part of it.
   */
  #queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#transactions.then(work, work);
    this.#transactions = next.catch(() => {});
    return next;
  }

  /**
   * Builds the coarser rollups in `needs` not built since the data last changed (Mosaic's lazy
   * pre-aggregates), each once however many readers ask, never inside a transaction. On the connector
   * itself: a build is no change of data, nothing kept is forgotten. A failed build is not kept (the
   * next reader tries again) and its error reaches the reader; a build that raced a change of data is
   * not kept either (`#changed` forgets it).
   */
  async #built(needs: readonly string[] = []): Promise<void> {
    for (const table of needs) {
      const build = rollupBuild(table);
      if (build) await this.kept(`rollup:${table}`, () => this.#queue(() => this.#db.query(build)));
    }
  }

  /**
   * Builds every coarser rollup now rather than when a read first needs it: for the server, whose new
   * data start answering only once this is done, so that no page waits for a build (the browser
   * answers from its index and builds only what it reads).
   */
  async buildRollups(): Promise<void> {
    await this.#built(coarserRollups());
  }

  /**
   * Runs `work` between BEGIN and COMMIT, or ROLLBACK when it throws (then nothing it wrote stays).
   * Transactions run one after another: DuckDB has one open per connection. A read inside `work` must
   * not need a rollup not built yet: its build would wait for the transaction's end.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.#queue(() => this.#inTransaction(work));
  }

  async #inTransaction<T>(work: () => Promise<T>): Promise<T> {
    await this.query({ sql: 'BEGIN TRANSACTION' });
    try {
      const result = await work();
      await this.query({ sql: 'COMMIT' });
      return result;
    } catch (err) {
      await this.query({ sql: 'ROLLBACK' });
      throw err;
    }
  }

  /**
   * Compresses what was written before it, runs `work` in a transaction, then compresses what that
   * wrote, after the transactions queued before it, as a build every read waits for (a read would see
   * it half done, or not yet there): the summaries of a load, built once its rows are in, and the rows
   * compressed first so that the summaries' build reuses their uncompressed copy's memory. Its
   * statements must all be writes (a read in it would wait for it). Its failure reaches the caller and
   * `settled()`.
   */
  after(work: () => Promise<void>): Promise<void> {
    const done = this.#queue(async () => {
      await this.query(CHECKPOINT);
      await this.#inTransaction(work);
      await this.query(CHECKPOINT);
    });
    const pending = done.then(
      () => {},
      () => {}
    );
    this.#pending = pending;
    this.#settled = done;
    void pending.then(() => {
      if (this.#pending === pending) this.#pending = null;
    });
    return done;
  }

  /** Resolves once the work begun with `after` is done; rejects with its error when it failed. */
  settled(): Promise<void> {
    return this.#settled;
  }

  /**
   * Compresses what was written since the last time, after the transactions queued before it (none
   * may be open). DuckDB compresses the tables of an in-memory database at a checkpoint only, which no
   * commit runs by itself here (`checkpoint_threshold`, queries/datasets.ts): uncompressed, 60 000
   * observations take 13 MB instead of 2.4 MB, and the tables a load of 100 000 builds 22 MB instead of 4.
   */
  compress(): Promise<void> {
    return this.#queue(async () => {
      await this.query(CHECKPOINT);
    });
  }

  /**
   * What `compute` makes of the data, computed once and kept under `key` until the data changes (a
   * page's fixed reads, an index). A failure is not kept: the next call tries again. A computation that
   * raced a change of data is kept under the generation it started at, so the next call computes anew.
   */
  kept<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const found = this.#kept.get(key);
    if (found && found.generation === this.#generation) return found.value as Promise<T>;
    const value = compute();
    this.#kept.set(key, { generation: this.#generation, value });
    value.catch(() => this.#kept.get(key)?.value === value && this.#kept.delete(key));
    return value;
  }

  /** The index of `indicatorIds` (by country too with `byCountry`), built on first use; null when too large. */
  #index(indicatorIds: readonly string[], byCountry = false): Promise<SeriesIndex | null> {
    const key = `series-index${byCountry ? ':country' : ''}\n${[...indicatorIds].sort().join('\n')}`;
    return this.kept(key, async () => {
      if (this.#pending) await this.#pending; // it reads the summaries
      return buildSeriesIndex(await this.#db.query<IndexRow>(seriesIndexQuery(indicatorIds, byCountry)), byCountry);
    }).catch(() => null);
  }

  /**
   * The series of `indicatorIds` under `filters`, as `seriesQuery` answers them. `within`: the
   * indicators one index may be kept for when the ones asked change often (a report's ticks).
   */
  async series(
    indicatorIds: readonly string[],
    filters: Filters,
    within: readonly string[] = indicatorIds
  ): Promise<SeriesPoint[]> {
    const index = this.#preaggregate ? await this.#index(within) : null;
    return index ? seriesFromIndex(index, indicatorIds, filters) : this.query<SeriesPoint>(seriesQuery(indicatorIds, filters));
  }

  /** One indicator's series split by a dimension's values, as `breakdownQuery` answers it. */
  async breakdown(indicatorId: string, dimension: Dimension, filters: Filters): Promise<BreakdownPoint[]> {
    const index = this.#preaggregate ? await this.#index([indicatorId], dimension === 'country') : null;
    return index
      ? breakdownFromIndex(index, indicatorId, dimension, filters)
      : this.query<BreakdownPoint>(breakdownQuery(indicatorId, dimension, filters));
  }

  /**
   * Builds ahead what a page will ask for (its indexes), so that its first change finds them ready,
   * as Mosaic's coordinator does when a selection is activated. Nothing when not pre-aggregating.
   */
  async prepare(indicatorIds: readonly string[], dimension: Dimension | null = null): Promise<void> {
    if (!this.#preaggregate) return;
    await this.#index(indicatorIds);
    if (dimension === 'country') for (const id of indicatorIds) await this.#index([id], true);
  }

  async registerText(name: string, text: string): Promise<void> {
    this.#changed();
    await this.#db.registerText(name, text);
  }

  async registerBytes(name: string, bytes: Uint8Array): Promise<void> {
    this.#changed();
    await this.#db.registerBytes(name, bytes);
  }

  async dropFile(name: string): Promise<void> {
    this.#changed();
    await this.#db.dropFile(name);
  }

  readFile(name: string): Promise<Uint8Array> {
    return this.#db.readFile(name);
  }

  async insertArrow(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
    if (!this.#db.insertArrow) throw new Error('This engine does not read Arrow');
    this.#changed();
    await this.#db.insertArrow(table, ipc, create);
  }

  get registerBlob(): Connector['registerBlob'] {
    const register = this.#db.registerBlob?.bind(this.#db);
    return register
      ? async (name, file) => {
          this.#changed();
          await register(name, file);
        }
      : undefined;
  }
}
