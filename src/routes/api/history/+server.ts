import { json } from '@sveltejs/kit';
import { history } from '$lib/server/versions';
import type { RequestHandler } from './$types';

/** Every version of every dataset, newest first, with change summaries (anyone who may view). */
export const GET: RequestHandler = async () => json(await history(), { headers: { 'cache-control': 'no-cache' } });
