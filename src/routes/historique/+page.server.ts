import { error, fail } from '@sveltejs/kit';
import { clientAddress, requireRole } from '$lib/server/auth';
import { StoreWriteError } from '$lib/server/fsio';
import { history, isKnownDataset, restoreVersion, VersionError, withdrawDataset } from '$lib/server/versions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ history: await history() });

async function target(request: Request): Promise<{ dataset: string; version: number }> {
  const form = await request.formData();
  const dataset = String(form.get('dataset') ?? '');
  const version = Number(form.get('version') ?? NaN);
  if (!(await isKnownDataset(dataset))) error(404, 'Unknown dataset');
  return { dataset, version };
}

/** A refusal the page explains: the version's (unknown, current, damaged…) or the store's (read-only, full). */
function refused(err: unknown, dataset: string) {
  if (err instanceof VersionError) return fail(err.status, { dataset, error: err.code });
  if (err instanceof StoreWriteError) {
    console.error(err.logLine);
    return fail(503, { dataset, error: 'store' as const });
  }
  throw err;
}

export const actions: Actions = {
  restore: async (event) => {
    const user = requireRole(event, 'editor');
    const { dataset, version } = await target(event.request);
    try {
      const record = await restoreVersion(user, dataset, version, clientAddress(event));
      return { done: 'restored' as const, dataset, from: version, version: record.version };
    } catch (err) {
      return refused(err, dataset);
    }
  },
  withdraw: async (event) => {
    const user = requireRole(event, 'editor');
    const { dataset } = await target(event.request);
    try {
      const record = await withdrawDataset(user, dataset, clientAddress(event));
      return { done: 'withdrawn' as const, dataset, from: null, version: record.version };
    } catch (err) {
      return refused(err, dataset);
    }
  }
};
