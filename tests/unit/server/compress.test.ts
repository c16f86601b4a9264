import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress } from '$lib/server/compress';

// Pages, models and text downloads go out gzipped when the browser accepts it: a manager on a slow
// connection waits for a sixth of the bytes before the first chart. What is not text, or already
// encoded, or not accepted compressed, goes out as it was.

const HTML = `<!doctype html><html lang="fr"><body>${readFileSync('data/indicators.csv', 'utf8').repeat(20)}</body></html>`;
const GZIP = 'gzip, deflate, br, zstd'; // what Chromium sends

function ask(acceptEncoding: string | null, method = 'GET'): Request {
  return new Request('http://vigie.test/', {
    method,
    headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding }
  });
}

function page(body: string | null = HTML, init: ResponseInit = {}): Response {
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', ...(init.headers as Record<string, string>) });
  headers.append('set-cookie', 'lang=fr; Path=/');
  headers.append('set-cookie', 'vigie_session=abc; Path=/; HttpOnly');
  return new Response(body, { status: 200, ...init, headers });
}

describe('compression of what the server sends', () => {
  it('gzips a page for a browser that accepts it: the same page once inflated, its status and cookies kept', async () => {
    const res = compress(ask(GZIP), page(HTML, { status: 404 }));
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.status).toBe(404);
    expect(res.headers.getSetCookie()).toEqual(['lang=fr; Path=/', 'vigie_session=abc; Path=/; HttpOnly']);
    const sent = Buffer.from(await res.arrayBuffer());
    expect(gunzipSync(sent).toString('utf8')).toBe(HTML);
    expect(sent.byteLength).toBeLessThan(Buffer.byteLength(HTML) / 4);
  });

  it('gzips a page’s model (JSON) and a CSV download', async () => {
    for (const type of ['application/json', 'text/csv; charset=utf-8']) {
      const res = compress(ask('gzip'), new Response(HTML, { headers: { 'content-type': type } }));
      expect(res.headers.get('content-encoding'), type).toBe('gzip');
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe(HTML);
    }
  });

  it('sends as it was: gzip not accepted or refused, a HEAD, a 304, a small body, a body already encoded or not text', async () => {
    const cases: [string, Request, Response][] = [
      ['no Accept-Encoding', ask(null), page()],
      ['identity only', ask('identity'), page()],
      ['gzip refused', ask('br, gzip;q=0'), page()],
      ['HEAD', ask(GZIP, 'HEAD'), page(null)],
      ['304', ask(GZIP), page(null, { status: 304 })],
      ['small', ask(GZIP), page('<p>ok</p>', { headers: { 'content-length': '9' } })],
      ['already encoded', ask(GZIP), page(HTML, { headers: { 'content-encoding': 'br' } })],
      [
        'a workbook',
        ask(GZIP),
        new Response('PK…', { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } })
      ],
      ['a PNG', ask(GZIP), new Response('png', { headers: { 'content-type': 'image/png' } })]
    ];
    for (const [label, request, response] of cases) {
      const res = compress(request, response);
      expect(res, label).toBe(response);
      expect(res.headers.get('content-encoding'), label).not.toBe('gzip');
    }
  });
});
