import { error } from '@sveltejs/kit';

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
