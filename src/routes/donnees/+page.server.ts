import { shownDamage } from '$lib/server/damage';
import { serverEngine } from '$lib/server/engine';
import { datasetsModel } from '$lib/views/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const { db, damaged } = await serverEngine();
  return { datasets: await datasetsModel(db), damaged: shownDamage(damaged) };
};
