import { error } from '@sveltejs/kit';
import { manifestKey, SNAPSHOT_TYPE } from '$lib/engine/snapshot-parts';
import { acceptsGzip } from '$lib/server/compress';
import { serverEngine } from '$lib/server/engine';
import { snapshotBody } from '$lib/server/snapshot';
import type { RequestHandler } from './$types';

/**
 * The server engine's tables, for a browser's engine to start from instead of reading the CSV files
 * (engine/snapshot.ts): only when `key` names the data the server holds now (a 409 otherwise, and the
 * browser reads the files). Made once per engine, gzipped.
 */
export const GET: RequestHandler = async ({ url, request }) => {
  const snapshot = await serverEngine();
  if (url.searchParams.get('key') !== manifestKey(snapshot.manifest)) error(409, 'The server holds other data now');
  const gzip = acceptsGzip(request);
  const headers: Record<string, string> = {
    'content-type': SNAPSHOT_TYPE,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    vary: 'Accept-Encoding'
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  return new Response(snapshotBody(await snapshot.browserCopy(), gzip), { headers });
};
