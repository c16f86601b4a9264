import { error } from '@sveltejs/kit';
import { serverEngine } from '$lib/server/engine';
import { readDataset } from '$lib/server/datadir';
import type { RequestHandler } from './$types';

/** A dataset's CSV, by its name in the manifest: any other name (`../`, absolute) is a 404. */
export const GET: RequestHandler = async ({ params, url }) => {
  const { manifest } = await serverEngine();
  const entry = manifest.find((e) => e.name === params.name);
  if (!entry) error(404, 'Unknown dataset');
  const text = await readDataset(entry.name);
  // A versioned URL never changes content: let the browser keep it.
  const immutable = url.searchParams.get('v') === entry.version;
  return new Response(text, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff'
    }
  });
};
