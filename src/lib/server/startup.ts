import { services } from './services';

/** Start-up recovery: clears temporary files a crash left in the store, and expired sessions. */
export async function startStore(): Promise<void> {
  const { store, sessions } = services();
  const removed = (await store.recover?.()) ?? [];
  if (removed.length) console.log(`Vigie: recovered the store, removed ${removed.length} leftover file(s) of unfinished writes.`);
  await sessions.prune();
}
