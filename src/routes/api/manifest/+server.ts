import { json } from '@sveltejs/kit';
import { serverEngine } from '$lib/server/engine';
import type { RequestHandler } from './$types';

/** The current manifest, polled by open pages to offer a refresh when a version is published. */
export const GET: RequestHandler = async () => {
  const { manifest } = await serverEngine();
  return json({ manifest }, { headers: { 'cache-control': 'no-store' } });
};
