import { listLocal } from '$lib/import/local';

/**
 * What the browser holds beyond the published data. A page's model comes from the server only while
 * this browser has no imported dataset; once it has one, every model is recomputed by the browser's
 * engine, and again each time `version` moves.
 */
export const localData = $state({ version: 0, hasLocal: false });

/** Reads, once per page load, whether this browser holds imported datasets. */
export async function checkLocalData(): Promise<void> {
  const local = await listLocal().catch(() => []);
  localData.hasLocal = local.length > 0;
}

/** Called after an import or a removal: every chart recomputes from the engine. */
export function localDataChanged(hasLocal: boolean): void {
  localData.hasLocal = hasLocal;
  localData.version += 1;
}
