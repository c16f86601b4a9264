import { tick } from 'svelte';
import type { Coordinator } from '$lib/coordinator/coordinator';
import type { DatasetEntry } from '$lib/queries/datasets';
import { browserEngine, onEngineState } from '$lib/engine/browser';
import { localData } from './data.svelte';
import { reuse } from './reuse';

/**
 * How many page models have been recomputing for longer than a glance. The layout dims the busy charts
 * only then: an answer within a few frames would otherwise flash every chart, and restyling them while
 * the engine works takes the processor from it.
 */
export const waiting = $state({ slow: 0 });
const SLOW_MS = 250;

/** What a page computes, for which parameters. */
export interface Computed<P, M> {
  params: P;
  model: M;
}

interface LiveOptions<P, M> {
  /** The model the server rendered, and the parameters it was computed for. */
  initial: () => Computed<P, M>;
  /** The parameters the page wants now (from the URL). */
  params: () => P;
  /** The datasets to load in the browser's engine. */
  manifest: () => readonly DatasetEntry[];
  /** The same computation the server ran, on the browser's engine. */
  compute: (db: Coordinator, params: P) => Promise<M>;
  /**
   * Work to do as soon as the engine holds the data (again), before a manager's first change asks for
   * it: e.g. an index kept in memory. Never starts the engine itself.
   */
  prepare?: (db: Coordinator) => Promise<unknown>;
}

/** Tells whoever measures (`npm run bench`) that the page shows a model it computed, painted or not. */
function shown(): void {
  performance.mark('vigie:view:shown');
  dispatchEvent(new Event('vigie:view-shown'));
}

/**
 * A page's model: the server's until the parameters change (or this browser holds imported data),
 * then the browser's DuckDB takes over.
 * A slow answer for old parameters never overwrites a newer one.
 */
export function live<P, M>(options: LiveOptions<P, M>) {
  // Raw: a model is replaced whole, never changed in place, and deep proxies over its hundreds of
  // points cost more than drawing them.
  let model = $state.raw(options.initial().model);
  let pending = $state(false);
  let error = $state<string | null>(null);

  $effect(() => {
    const params = options.params();
    const initial = options.initial();
    void localData.version; // recompute when this browser's imported data changes
    if (!localData.hasLocal && JSON.stringify(params) === JSON.stringify(initial.params)) {
      model = initial.model;
      pending = false;
      return;
    }
    let stale = false;
    let dimmed = false;
    const timer = setTimeout(() => {
      dimmed = true;
      waiting.slow += 1;
    }, SLOW_MS);
    // Busy only if the answer is not there within this task: an answer from memory arrives in a few
    // microtasks, and marking every chart busy and then not busy would restyle them all for nothing.
    const busy = setTimeout(() => {
      if (!stale) pending = true;
    });
    const settled = () => {
      clearTimeout(timer);
      clearTimeout(busy);
      if (dimmed) waiting.slow -= 1;
      dimmed = false;
    };
    browserEngine(options.manifest())
      .then((db) => options.compute(db, params))
      .then((next) => {
        if (stale) return;
        model = reuse(model, next); // what did not change keeps its objects: Svelte skips it
        error = null;
        void tick().then(shown);
      })
      .catch((err: unknown) => {
        if (!stale) error = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        settled();
        if (!stale) pending = false;
      });
    return () => {
      stale = true;
      settled();
    };
  });

  $effect(() => {
    const prepare = options.prepare;
    if (!prepare) return;
    const manifest = options.manifest();
    void localData.version; // imported data changes what is to prepare
    return onEngineState((state) => {
      if (state === 'ready')
        void browserEngine(manifest)
          .then(prepare)
          .catch(() => {});
    });
  });

  return {
    get model() {
      return model;
    },
    get pending() {
      return pending;
    },
    get error() {
      return error;
    }
  };
}
