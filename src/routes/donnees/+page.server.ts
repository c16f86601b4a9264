import { serverEngine } from '$lib/server/engine';
import { datasetsModel } from '$lib/views/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const { db } = await serverEngine();
  return { datasets: await datasetsModel(db) };
};
