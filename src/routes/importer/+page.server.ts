import { serverEngine } from '$lib/server/engine';
import { annotationsQuery, type Annotation } from '$lib/queries/annotations';
import { indicatorsQuery, type Indicator } from '$lib/queries/indicators';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const { db } = await serverEngine();
  return {
    catalogue: await db.query<Indicator>(indicatorsQuery()),
    annotations: await db.query<Annotation>(annotationsQuery())
  };
};
