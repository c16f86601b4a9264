import type { RequestEvent } from '@sveltejs/kit';
import { MAX_IMPORT_BYTES } from '$lib/import/limits';
import { hasRole } from '$lib/publishing/types';

/** The largest body any route but the publish endpoint reads: forms of a few fields (sign-in, accounts, restore). */
export const SMALL_BODY_BYTES = 16 * 1024;

/** The one route that takes a large body: a published file, from an editor. */
export const UPLOAD_PATH = '/api/publish';

/** Room for the publish form's other fields and its multipart boundaries, beyond the file itself. */
export const FORM_OVERHEAD = 1024 * 1024;

/** The largest publish request: the largest importable file and its form. */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_BYTES + FORM_OVERHEAD;

/** A 413 (or 401, 403) that says why: JSON for the API, plain text elsewhere. */
export function refusal(event: Pick<RequestEvent, 'url'>, status: number, code: string, message: string): Response {
  const api = event.url.pathname.startsWith('/api/');
  return new Response(api ? JSON.stringify({ ok: false, code, message }) : `${message}\n`, {
    status,
    headers: {
      'content-type': api ? 'application/json' : 'text/plain; charset=utf-8',
      // The rest of an oversized body is not read: the connection is not reused for another request.
      ...(status === 413 ? { connection: 'close' } : {})
    }
  });
}

const tooLarge = (event: Pick<RequestEvent, 'url'>, limit: number) =>
  refusal(
    event,
    413,
    'too_large',
    `Request too large: ${event.url.pathname} accepts at most ${limit} bytes. / Requête trop volumineuse : ${event.url.pathname} accepte au plus ${limit} octets.`
  );

/** Reads a body up to `limit` bytes; null as soon as it is longer (the rest is not read). */
async function readCapped(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancelled: with adapter-node that destroys the socket before the 413 can be sent. The rest
      // is left unread, and the answer closes the connection.
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Applied by the server hook to every request, before any route reads its body. The publish endpoint
 * alone may receive a large body (up to the import limit), and only from an editor: anyone else is
 * answered before a byte of it is read, and the endpoint streams it to disk. Every other body is read
 * here, at most `SMALL_BODY_BYTES` of it, and handed on in memory; a longer one, announced
 * (`Content-Length`) or not (chunked), is refused with 413. Returns the refusal, or null to go on.
 */
export async function guardBody(event: Pick<RequestEvent, 'request' | 'url' | 'locals'>): Promise<Response | null> {
  const { request } = event;
  if (request.body === null) return null;
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (event.url.pathname === UPLOAD_PATH && request.method === 'POST') {
    const user = event.locals.user;
    if (!user) return refusal(event, 401, 'sign_in_required', 'Sign-in required');
    if (!hasRole(user, 'editor')) return refusal(event, 403, 'role_required', 'Role editor required');
    return length > MAX_UPLOAD_BYTES ? tooLarge(event, MAX_UPLOAD_BYTES) : null;
  }
  if (length > SMALL_BODY_BYTES) return tooLarge(event, SMALL_BODY_BYTES);
  const bytes = await readCapped(request.body, SMALL_BODY_BYTES);
  if (!bytes) return tooLarge(event, SMALL_BODY_BYTES);
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(bytes.byteLength));
  event.request = new Request(request.url, {
    method: request.method,
    headers,
    body: bytes as Uint8Array<ArrayBuffer>,
    signal: request.signal
  });
  return null;
}
