import type { RequestEvent } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardBody, MAX_UPLOAD_BYTES, SMALL_BODY_BYTES } from '$lib/server/bodies';
import { createServices, services, useServices } from '$lib/server/services';
import { receiveUpload } from '$lib/server/upload';
import { tempStore } from './helpers';

beforeAll(async () => useServices(createServices(await tempStore('file'))));
afterAll(() => useServices(undefined));

/** A body of `size` bytes sent in 4 KiB chunks, counting how much of it was read. */
function body(size: number) {
  const sent = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(4096, size - sent.bytes)).fill(0x61);
      sent.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    }
  });
  return { stream, sent };
}

/** A request as adapter-node hands it on: a streamed body, with or without Content-Length. */
function event(path: string, size: number, o: { length?: boolean; role?: 'viewer' | 'editor'; type?: string } = {}) {
  const { stream, sent } = body(size);
  const headers: Record<string, string> = { 'content-type': o.type ?? 'application/x-www-form-urlencoded' };
  if (o.length !== false) headers['content-length'] = String(size);
  const request = new Request(`http://vigie.test${path}`, {
    method: 'POST',
    headers,
    body: stream,
    duplex: 'half'
  } as RequestInit);
  const e = { request, url: new URL(request.url), locals: { lang: 'fr', user: o.role ? { name: 'x', role: o.role } : null } };
  return { e: e as unknown as RequestEvent, sent };
}

describe('request bodies', () => {
  it('every route but the publish endpoint refuses more than a few KiB with 413 and says why, announced or chunked', async () => {
    for (const length of [true, false]) {
      const { e, sent } = event('/connexion?/signin', 250 * 1024 * 1024, { length });
      const res = (await guardBody(e))!;
      expect(res.status).toBe(413);
      expect(await res.text()).toContain(`accepts at most ${SMALL_BODY_BYTES} bytes`);
      // Announced: not a byte read. Chunked: read only up to the limit.
      expect(sent.bytes).toBeLessThanOrEqual(length ? 8192 : SMALL_BODY_BYTES + 8192);
    }
    const api = (await guardBody(event('/api/restore', 20_000, { length: false }).e))!;
    expect([api.status, await api.json()]).toEqual([413, expect.objectContaining({ code: 'too_large' })]);
  });

  it('hands a small body on, read once, to the route', async () => {
    const { e } = event('/connexion?/signin', 0);
    const form = new URLSearchParams({ name: 'marie', password: 'secret-secret' });
    const request = new Request(e.request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(form.toString()));
          c.close();
        }
      }),
      duplex: 'half'
    } as RequestInit);
    const ev = { ...e, request } as RequestEvent;
    expect(await guardBody(ev)).toBe(null);
    expect((await ev.request.formData()).get('name')).toBe('marie');
  });

  it('the publish endpoint answers anyone but an editor before reading the body; an editor may send up to the import limit', async () => {
    for (const [role, status] of [
      [undefined, 401],
      ['viewer', 403]
    ] as const) {
      const { e, sent } = event('/api/publish', 100 * 1024 * 1024, { role, type: 'multipart/form-data; boundary=x' });
      expect((await guardBody(e))?.status).toBe(status);
      expect(sent.bytes).toBeLessThanOrEqual(4096);
    }
    const big = event('/api/publish', MAX_UPLOAD_BYTES + 1, { role: 'editor', type: 'multipart/form-data; boundary=x' });
    expect((await guardBody(big.e))?.status).toBe(413);
    const fine = event('/api/publish', 5 * 1024 * 1024, { role: 'editor', type: 'multipart/form-data; boundary=x' });
    expect(await guardBody(fine.e)).toBe(null);
    expect(fine.sent.bytes).toBeLessThanOrEqual(4096); // left for the endpoint to stream
  });

  it('the publish form streams to a temporary file of the store; past the limit, 413 and nothing left on disk', async () => {
    const content = 'indicator_id,period,value\n' + 'tournees_soutenues,2030-2031,1\n'.repeat(20_000);
    const form = new FormData();
    form.set('decisions', '{"mode":"replace"}');
    form.set('file', new File([content], 'grand.csv', { type: 'text/csv' }));
    const request = new Request('http://vigie.test/api/publish', { method: 'POST', body: form });
    const upload = await receiveUpload(request, services().root);
    expect(upload).toMatchObject({
      fileName: 'grand.csv',
      type: 'text/csv',
      size: content.length,
      decisions: '{"mode":"replace"}'
    });
    expect(upload.path.startsWith(`${services().root}/tmp/upload.`)).toBe(true);
    expect(await readFile(upload.path, 'utf8')).toBe(content);

    const chunked = new Request('http://vigie.test/api/publish', { method: 'POST', body: form });
    const typed = new Request(chunked.url, {
      method: 'POST',
      headers: { 'content-type': chunked.headers.get('content-type')! },
      body: chunked.body,
      duplex: 'half'
    } as RequestInit);
    await expect(receiveUpload(typed, services().root, { maxBody: 100_000 })).rejects.toMatchObject({
      status: 413,
      code: 'too_large'
    });
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(`${services().root}/tmp`)).filter((f) => f !== upload.path.split('/').pop())).toEqual([]);
  });
});
