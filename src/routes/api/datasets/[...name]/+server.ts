import { error } from '@sveltejs/kit';
import { neutraliseCsv } from '$lib/charts/export/csv';
import { listCurrent, openCurrent, readCurrentBytes, readVersionBytes, textOf, versionOf } from '$lib/server/current';
import { serverEngine } from '$lib/server/engine';
import { StoreError } from '$lib/server/store';
import { isKnownDataset } from '$lib/server/versions';
import type { RequestHandler } from './$types';

const CSV = { 'content-type': 'text/csv; charset=utf-8', 'x-content-type-options': 'nosniff' };

/**
 * What is sent: for a person (the default), the CSV with every cell a spreadsheet would take for a
 * formula neutralised, by the chart exports' rule; with `?raw=1`, the bytes exactly as stored (their
 * SHA-256 is the version's), for machines: the browser's engine, scripts that compare or re-publish.
 */
function body(bytes: Uint8Array, raw: boolean): BodyInit {
  return raw ? (bytes as Uint8Array<ArrayBuffer>) : neutraliseCsv(textOf(bytes));
}

/**
 * A dataset's CSV, by its name in the manifest: any other name (`../`, absolute) is a 404. With
 * `?version=N`, that version of any shipped or published dataset, as a download (Historique).
 */
export const GET: RequestHandler = async ({ params, url }) => {
  const raw = url.searchParams.get('raw') === '1';
  const asked = url.searchParams.get('version');
  if (asked !== null) {
    const n = Number(asked);
    if (!/^\d{1,9}$/.test(asked) || !(await isKnownDataset(params.name))) error(404, 'Unknown dataset or version');
    let bytes: Uint8Array | null;
    try {
      bytes = await readVersionBytes(params.name, n);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'unknown_version') error(404, 'Unknown dataset or version');
      throw err;
    }
    if (bytes === null) error(410, 'This version withdrew the dataset: it has no content');
    const file = `${params.name.replace(/\.csv$/, '').replace(/[^a-z0-9_-]+/gi, '-')}-v${n}.csv`;
    return new Response(body(bytes, raw), {
      headers: {
        ...CSV,
        'content-disposition': `attachment; filename="${file}"`,
        'cache-control': 'private, max-age=31536000, immutable'
      }
    });
  }
  const { manifest } = await serverEngine();
  const entry = manifest.find((e) => e.name === params.name);
  const current = entry && (await listCurrent()).find((d) => d.name === entry.name);
  if (!entry || !current) error(404, 'Unknown dataset');
  // A versioned URL never changes content: let the browser keep it (if a publish landed in between,
  // the content is the newer one and must not be cached under the older version's URL).
  const immutable = url.searchParams.get('v') === (await versionOf(current));
  const headers = { ...CSV, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
  if (!raw) return new Response(body(await readCurrentBytes(current), false), { headers });
  // The bytes as stored, streamed from disk: each download under way holds no copy of the file.
  const { body: stream, size } = await openCurrent(current);
  return new Response(stream, { headers: { ...headers, 'content-length': String(size) } });
};
