import { withdrawnNames } from '$lib/server/current';
import { serverEngine } from '$lib/server/engine';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  const [{ manifest }, withdrawn] = await Promise.all([serverEngine(), withdrawnNames()]);
  return { lang: locals.lang, manifest, user: locals.user, withdrawn };
};
