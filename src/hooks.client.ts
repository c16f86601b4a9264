import { connect } from '$lib/db/connector';

/**
 * The browser's engine starts compiling in its worker as soon as the app's code runs, before the page
 * hydrates: hydrating the overview takes about 0.2 s, which the compile no longer waits for. The data
 * load once the page is idle (src/routes/+layout.svelte). `npm run bench` pages start what they measure.
 */
export function init(): void {
  if (!location.pathname.startsWith('/bench/')) void connect().catch(() => {});
}
