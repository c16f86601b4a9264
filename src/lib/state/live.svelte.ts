import { tick, untrack } from 'svelte';
import { page } from '$app/state';
import { answer, Latest, type AnsweredBy } from '$lib/coordinator/answer';
import { askAhead, forgetAhead, heldModel, modelUrl, serverModel } from '$lib/coordinator/remote';
import { browserEngine, onEngineState, readyEngine } from '$lib/engine/browser';
import type { DatasetEntry } from '$lib/queries/datasets';
import type { Filters } from '$lib/queries/filters';
import { pageModel, preparePage, type ModelOf, type PageName, type ParamsOf } from '$lib/views/pages';
import { benchEvents } from './bench';
import { localData } from './data.svelte';
import { currentSearch, currentUrl } from './navigate.svelte';
import { reuse } from './reuse';
import { pageParams, urlWithFilters } from './url';

/**
 * How many page models have been recomputing for longer than a glance. The layout dims the busy charts
 * only then: an answer within a few frames would otherwise flash every chart, and restyling them while
 * the engine works takes the processor from it.
 */
export const waiting = $state({ slow: 0 });
const SLOW_MS = 250;

/**
 * What a page's server load hands it (see `pageLoad` in src/lib/server/page-model.ts), and the layout's
 * manifest. `I` is the model drawn first: the server's, or null where the server had none (an indicator
 * that only this browser's imported data describe).
 */
export interface LiveData<N extends PageName, I = ModelOf<N>> {
  computed: { params: ParamsOf<N>; model: I };
  /** The datasets the browser's engine loads. */
  manifest: readonly DatasetEntry[];
}

/** Tells whoever measures (`npm run bench`) that the page shows a model it computed, painted or not. */
function shown(): void {
  if (!benchEvents()) return;
  performance.mark('vigie:view:shown');
  dispatchEvent(new Event('vigie:view-shown'));
}

/**
 * A page's live model: its parameters from the address bar, and its model for them. The server's
 * until the parameters change (or this browser holds imported data); then the coordinator answers:
 * the server (over the server connector) while the browser's engine loads, the browser's engine once
 * it holds the data. A slow answer for old parameters never overwrites a newer one.
 */
export function livePage<N extends PageName, I = ModelOf<N>>(name: N, data: () => LiveData<N, I>) {
  const search = $derived(currentSearch()); // a string: the page recomputes only when it changes
  const id = $derived(page.params.id ?? '');
  // A parse of the string, not reactive state: what it depends on is `search`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const params = $derived(pageParams(name, new URLSearchParams(search), id));
  // Raw: a model is replaced whole, never changed in place, and deep proxies over its hundreds of
  // points cost more than drawing them.
  let model = $state.raw<I | ModelOf<N>>(data().computed.model);
  let pending = $state(false);
  let error = $state<string | null>(null);
  let by = $state<AnsweredBy>('server');
  const latest = new Latest();
  /** Whether the model for `p` is the one the server drew the page with (nothing to ask then). */
  const drawnByServer = (p: ParamsOf<N>) => !localData.hasLocal && JSON.stringify(p) === JSON.stringify(data().computed.params);

  $effect(() => {
    const p = params;
    const query = search;
    const path = id;
    const { computed, manifest } = data();
    void localData.version; // recompute when this browser's imported data changes
    if (drawnByServer(p)) {
      latest.cancel();
      model = computed.model;
      pending = false;
      return;
    }
    const fromServer = !readyEngine(manifest) && !localData.hasLocal;
    let dimmed = false;
    const dim = () => {
      dimmed = true;
      waiting.slow += 1;
    };
    // Busy at once when the answer comes over the network; otherwise only if it is not there within
    // this task (an answer from memory arrives in a few microtasks, and marking every chart busy and
    // then not busy would restyle them all for nothing), and dimmed only when it is slow.
    if (fromServer) {
      pending = true;
      untrack(dim); // `waiting.slow += 1` reads it: tracked, every answer would start this effect again
    }
    const timer = fromServer ? undefined : setTimeout(dim, SLOW_MS);
    const busy = fromServer ? undefined : setTimeout(() => (pending = true));
    const settled = () => {
      clearTimeout(timer);
      clearTimeout(busy);
      if (dimmed) waiting.slow -= 1;
      dimmed = false;
    };
    latest
      .run(() =>
        answer((db) => pageModel(db, name, p), {
          ready: () => readyEngine(manifest),
          engine: () => browserEngine(manifest),
          server: () => serverModel(name, query, path),
          localOnly: () => localData.hasLocal,
          held: () => heldModel(name, query, path)
        })
      )
      .then(
        (result) => {
          if (!result.current) return;
          model = reuse<I | ModelOf<N>>(model, result.value.model); // what did not change keeps its objects: Svelte skips it
          by = result.value.by;
          error = null;
          pending = false;
          void tick().then(shown);
        },
        (err: unknown) => {
          error = err instanceof Error ? err.message : String(err);
          pending = false;
        }
      )
      .finally(settled);
    return settled;
  });

  // Answers asked ahead were the server's for the data of that moment: forgotten when the data change.
  $effect(() => {
    void data().manifest;
    return forgetAhead;
  });

  // What the page will ask for, built as soon as the engine holds the data (again), before a
  // manager's first change asks for it. Never starts the engine itself. The parameters of that moment,
  // untracked: a filter change is answered by the effect above, and preparing again on each one would
  // put a second round of work on the path from a click to its repaint.
  $effect(() => {
    const { manifest } = data();
    void localData.version; // imported data changes what is to prepare
    return onEngineState((state) => {
      if (state !== 'ready') return;
      const p = untrack(() => params);
      void browserEngine(manifest)
        .then((db) => preparePage(db, name, p))
        .then(() => benchEvents() && performance.mark('vigie:view:prepared'))
        .catch(() => {});
    });
  });

  return {
    /** The page's parameters, as the address bar says now. */
    get params() {
      return params;
    },
    get model() {
      return model;
    },
    /** Whether an answer is awaited. */
    get pending() {
      return pending;
    },
    get error() {
      return error;
    },
    /** Who answered the model shown (`server` for the server's own render too). */
    get by() {
      return by;
    },
    /**
     * Asks the server now for the model of filters a manager is about to choose (an option of the menu
     * under the pointer or the focus), while the server is who would answer: chosen, it is drawn without
     * a round trip. Nothing once the browser's engine holds the data (it answers from memory).
     */
    ahead(next: Filters): void {
      if (readyEngine(data().manifest) || localData.hasLocal) return;
      const query = urlWithFilters(currentUrl(), next).search;
      // A parse of a string in an event handler, not reactive state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      if (query === search || drawnByServer(pageParams(name, new URLSearchParams(query), id))) return; // drawn already
      askAhead(name, query, id);
    },
    /** Where the server answers this page's model, without filters (the filter form asks it before hydration). */
    get endpoint() {
      return modelUrl(name, '', id);
    }
  };
}
