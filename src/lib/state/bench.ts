import { page } from '$app/state';

/**
 * Whether this server runs for `npm run bench` (`VIGIE_BENCH=1`, a setting production never has):
 * only then do pages send the bench's events (`vigie:view-shown`) and answer under /bench.
 */
export function benchEvents(): boolean {
  return page.data.bench === true;
}
