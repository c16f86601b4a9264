import { error, json } from '@sveltejs/kit';
import { clientAddress, requireRole } from '$lib/server/auth';
import { readTarget, unlessUnwritable } from '$lib/server/http';
import { isKnownDataset, VersionError, withdrawDataset } from '$lib/server/versions';
import type { RequestHandler } from './$types';

/** Takes an observations dataset (the sample data, say) off the dashboard, as a new version (editors). */
export const POST: RequestHandler = (event) =>
  unlessUnwritable(async () => {
    const user = requireRole(event, 'editor');
    const { dataset } = await readTarget(event.request);
    if (typeof dataset !== 'string' || !(await isKnownDataset(dataset))) error(404, 'Unknown dataset');
    try {
      const record = await withdrawDataset(user, dataset, clientAddress(event));
      return json({ ok: true, dataset, version: record.version });
    } catch (err) {
      if (err instanceof VersionError) return json({ ok: false, code: err.code }, { status: err.status });
      throw err;
    }
  });
