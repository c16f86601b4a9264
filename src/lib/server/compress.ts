/**
 * What the server sends compressed when the browser accepts it: its pages and their models, and text
 * downloads. The build's own files (scripts, styles, the engine) are served precompressed before this
 * runs; images, workbooks and documents are compressed already; the engine's snapshot is kept gzipped.
 */
const COMPRESSIBLE = /^(text\/(html|csv|plain)|application\/json|image\/svg\+xml)\b/;

/** Below this size (when known) gzip's header and the work cost more than they save. */
const MIN_BYTES = 1024;

/** Whether `request`'s browser accepts gzip. */
export function acceptsGzip(request: Request): boolean {
  return /(^|[\s,])gzip(?!\s*;\s*q=0(\.0*)?\b)/i.test(request.headers.get('accept-encoding') ?? '');
}

/**
 * `response` gzipped for `request` when the browser accepts gzip and the body is text worth
 * compressing: the overview's 170 KB of HTML arrive as 20 KB, a region's model as 6–7 KB of its 90 KB,
 * which a manager on a slow connection waits for before the first chart and after each choice. Streams
 * as it compresses; `Vary: Accept-Encoding` so that a cache in between keeps both forms apart. A CSV
 * download is saved inflated, as sent before.
 */
export function compress(request: Request, response: Response): Response {
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (
    !response.body ||
    request.method === 'HEAD' ||
    response.status === 204 ||
    response.status === 206 ||
    response.status === 304 ||
    response.headers.has('content-encoding') ||
    !COMPRESSIBLE.test(type) ||
    length < MIN_BYTES ||
    !acceptsGzip(request)
  ) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  headers.append('vary', 'Accept-Encoding');
  return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
    status: response.status,
    statusText: response.statusText,
    headers
  });
}
