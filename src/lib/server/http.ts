import { error, json } from '@sveltejs/kit';
import { StoreWriteError } from './fsio';

/** Reads `dataset` and `version` from a form or JSON body (restore and withdraw endpoints). */
export async function readTarget(request: Request): Promise<{ dataset: unknown; version: unknown }> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.startsWith('application/json')) {
      const body = (await request.json()) as Record<string, unknown>;
      return { dataset: body.dataset, version: body.version };
    }
    const form = await request.formData();
    return { dataset: form.get('dataset'), version: form.get('version') };
  } catch {
    error(400, 'Unreadable body');
  }
}

/**
 * Runs a write endpoint; when the store's folder refuses the write (read-only, full), answers 503 with
 * words an administrator can act on, and logs which file.
 */
export async function unlessUnwritable(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof StoreWriteError)) throw err;
    console.error(err.logLine);
    return json({ ok: false, code: `store_${err.reason}`, message: err.message }, { status: 503 });
  }
}
