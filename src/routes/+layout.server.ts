import { serverEngine } from '$lib/server/engine';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  const { manifest } = await serverEngine();
  return { lang: locals.lang, manifest };
};
