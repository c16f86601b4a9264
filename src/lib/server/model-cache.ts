import { LRUCache } from 'lru-cache';
import type { Coordinator } from '$lib/coordinator/coordinator';
import { pageModel, type ModelOf, type PageName, type ParamsOf } from '$lib/views/pages';

/** A page's model as the server computed it, frozen, and its JSON: what the server connector sends. */
export interface KeptModel<N extends PageName> {
  model: ModelOf<N>;
  json: string;
}

/**
 * How much JSON the kept models of one engine may add up to: about 350 overview models of 90 KB. The
 * least recently asked go first.
 */
const BUDGET_CHARS = 32 * 2 ** 20;

type Cache = LRUCache<string, KeptModel<PageName>, { page: PageName; params: ParamsOf<PageName> }>;

/** One cache per engine: the data a model was computed from are that engine's, replaced whole on a publish. */
const caches = new WeakMap<Coordinator, Cache>();

/** Freezes `value` and everything it holds: a kept model is shared by every request that asks for it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function cacheOf(db: Coordinator): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache({
      maxSize: BUDGET_CHARS,
      sizeCalculation: (kept) => kept.json.length,
      // A failed computation is not kept (lru-cache drops a rejected fetch): the next request tries again.
      fetchMethod: async (_key, _stale, { context }) => {
        const model = await pageModel(db, context.page, context.params);
        return { model: deepFreeze(model), json: JSON.stringify(model) };
      }
    });
    caches.set(db, cache);
  }
  return cache;
}

/**
 * A page's model for `params` on the server's engine, computed once and kept until its data change:
 * managers mostly open the same pages under the same few filters, and every one of them would
 * otherwise have the server compute the same model again (15–30 ms each, more while a browser's engine
 * loads on the same machine). Requests that ask at the same time share one computation. A write to the
 * engine (its `generation`) makes what was kept unreachable; a publish brings a new engine.
 */
export async function keptModel<N extends PageName>(db: Coordinator, page: N, params: ParamsOf<N>): Promise<KeptModel<N>> {
  const key = `${db.generation}\n${page}\n${JSON.stringify(params)}`;
  const kept = await cacheOf(db).fetch(key, { context: { page, params } });
  if (!kept) throw new Error(`${page}: no model`); // only when fetch was aborted, which nothing here does
  return kept as KeptModel<N>;
}
