import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

/** Whether this server runs for `npm run bench` (`VIGIE_BENCH=1`): a setting production never has. */
export function benchEnabled(): boolean {
  return env.VIGIE_BENCH === '1';
}

/** The /bench pages answer only on a bench server; anywhere else they do not exist. */
export function requireBench(): void {
  if (!benchEnabled()) error(404, 'Not found');
}
