import { error, json } from '@sveltejs/kit';
import { clientAddress, requireRole } from '$lib/server/auth';
import { readTarget, unlessUnwritable } from '$lib/server/http';
import { isKnownDataset, restoreVersion, VersionError } from '$lib/server/versions';
import type { RequestHandler } from './$types';

/** Makes an earlier version of a dataset current again, as a new version (editors). */
export const POST: RequestHandler = (event) =>
  unlessUnwritable(async () => {
    const user = requireRole(event, 'editor');
    const { dataset, version } = await readTarget(event.request);
    const n = typeof version === 'number' ? version : Number(version);
    if (typeof dataset !== 'string' || !(await isKnownDataset(dataset))) error(404, 'Unknown dataset');
    if (!Number.isInteger(n) || n < 0) error(400, 'Bad version');
    try {
      const record = await restoreVersion(user, dataset, n, clientAddress(event));
      return json({ ok: true, dataset, version: record.version, restoredFrom: n });
    } catch (err) {
      if (err instanceof VersionError) return json({ ok: false, code: err.code }, { status: err.status });
      throw err;
    }
  });
