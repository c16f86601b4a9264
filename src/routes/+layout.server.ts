import { benchEnabled } from '$lib/server/bench';
import { ministryName } from '$lib/server/branding';
import { withdrawnNames } from '$lib/server/current';
import { serverEngine } from '$lib/server/engine';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  // Sign-in and Historique (where damaged data are repaired) must show even when the data cannot load.
  const [manifest, withdrawn] = await Promise.all([
    serverEngine().then(
      (s) => s.manifest,
      () => []
    ),
    withdrawnNames()
  ]);
  return {
    lang: locals.lang,
    manifest,
    user: locals.user,
    withdrawn,
    ministry: ministryName(),
    // `npm run bench` starts its server with VIGIE_BENCH=1: only then do pages send the bench's events.
    bench: benchEnabled()
  };
};
