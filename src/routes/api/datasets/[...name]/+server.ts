import { error } from '@sveltejs/kit';
import { neutraliseCsv } from '$lib/charts/export/csv';
import {
  listCurrent,
  openCurrent,
  openVersion,
  readCurrentBytes,
  readVersionBytes,
  textOf,
  versionOf
} from '$lib/server/current';
import { serverEngine } from '$lib/server/engine';
import type { SizedStream } from '$lib/server/file-stream';
import { StoreError } from '$lib/server/store';
import { isKnownDataset } from '$lib/server/versions';
import type { RequestHandler } from './$types';

const CSV = { 'content-type': 'text/csv; charset=utf-8', 'x-content-type-options': 'nosniff' };
const WITHDRAWN = 'This version withdrew the dataset: it has no content';

/**
 * What is sent: for a person (the default), the CSV with every cell a spreadsheet would take for a
 * formula neutralised, by the chart exports' rule, which reads the whole text; with `?raw=1`, the
 * bytes exactly as stored (their SHA-256 is the version's), for machines (the browser's engine,
 * scripts that compare or re-publish), streamed from disk: a download holds no copy of the file.
 */
async function send(
  raw: boolean,
  headers: Record<string, string>,
  read: () => Promise<Uint8Array | null>,
  open: () => Promise<SizedStream | null>
): Promise<Response> {
  if (!raw) {
    const bytes = await read();
    if (bytes === null) error(410, WITHDRAWN);
    return new Response(neutraliseCsv(textOf(bytes)), { headers });
  }
  const stream = await open();
  if (stream === null) error(410, WITHDRAWN);
  return new Response(stream.body, { headers: { ...headers, 'content-length': String(stream.size) } });
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
    const file = `${params.name.replace(/\.csv$/, '').replace(/[^a-z0-9_-]+/gi, '-')}-v${n}.csv`;
    const headers = {
      ...CSV,
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'private, max-age=31536000, immutable'
    };
    try {
      return await send(
        raw,
        headers,
        () => readVersionBytes(params.name, n),
        () => openVersion(params.name, n)
      );
    } catch (err) {
      if (err instanceof StoreError && err.code === 'unknown_version') error(404, 'Unknown dataset or version');
      throw err;
    }
  }
  const { manifest } = await serverEngine();
  const entry = manifest.find((e) => e.name === params.name);
  const current = entry && (await listCurrent()).find((d) => d.name === entry.name);
  if (!entry || !current) error(404, 'Unknown dataset');
  // A versioned URL never changes content: let the browser keep it (if a publish landed in between,
  // the content is the newer one and must not be cached under the older version's URL).
  const immutable = url.searchParams.get('v') === (await versionOf(current));
  const headers = { ...CSV, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
  return send(
    raw,
    headers,
    () => readCurrentBytes(current),
    () => openCurrent(current)
  );
};
