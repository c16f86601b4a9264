import { serverEngine } from '$lib/server/engine';
import { catalogueModel } from '$lib/views/catalogue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const { db } = await serverEngine();
  return { catalogue: { params: null, model: await catalogueModel(db) } };
};
