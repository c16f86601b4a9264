import { fail, redirect } from '@sveltejs/kit';
import { clientAddress, requireRole } from '$lib/server/auth';
import { StoreWriteError } from '$lib/server/fsio';
import { randomPassword } from '$lib/server/passwords';
import { services } from '$lib/server/services';
import { isRole, UserError } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/connexion?suite=/admin');
  requireRole(event, 'admin');
  const { users, audit } = services();
  return { accounts: await users.list(), audit: await audit.tail(50) };
};

/** Runs an account change; a refused one comes back as the form's error. */
async function change<T extends Record<string, unknown>>(name: string, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError) return fail(400, { name, error: err.code });
    if (err instanceof StoreWriteError) {
      console.error(err.logLine);
      return fail(503, { name, error: 'store' as const });
    }
    throw err;
  }
}

export const actions: Actions = {
  add: async (event) => {
    const admin = requireRole(event, 'admin');
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '').trim();
    const role = String(form.get('role') ?? '');
    if (!isRole(role)) return fail(400, { name, error: 'bad_role' as const });
    const password = randomPassword();
    return change(name, async () => {
      await services().users.add(name, role, password);
      await services().audit.record({
        event: 'user_add',
        user: admin.name,
        ip: clientAddress(event),
        detail: `${name} (${role})`
      });
      return { done: 'added' as const, name, password };
    });
  },
  role: async (event) => {
    const admin = requireRole(event, 'admin');
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '');
    const role = String(form.get('role') ?? '');
    if (!isRole(role)) return fail(400, { name, error: 'bad_role' as const });
    return change(name, async () => {
      await services().users.setRole(name, role);
      await services().audit.record({
        event: 'user_role',
        user: admin.name,
        ip: clientAddress(event),
        detail: `${name} → ${role}`
      });
      return { done: 'role' as const, name, role };
    });
  },
  reset: async (event) => {
    const admin = requireRole(event, 'admin');
    const name = String((await event.request.formData()).get('name') ?? '');
    const password = randomPassword();
    return change(name, async () => {
      await services().users.setPassword(name, password);
      await services().audit.record({ event: 'user_password', user: admin.name, ip: clientAddress(event), detail: name });
      return { done: 'reset' as const, name, password };
    });
  },
  remove: async (event) => {
    const admin = requireRole(event, 'admin');
    const name = String((await event.request.formData()).get('name') ?? '');
    return change(name, async () => {
      await services().users.remove(name);
      await services().audit.record({ event: 'user_remove', user: admin.name, ip: clientAddress(event), detail: name });
      return { done: 'removed' as const, name };
    });
  }
};
