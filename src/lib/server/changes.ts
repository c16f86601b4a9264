import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ChangeSummary } from '$lib/publishing/types';
import type { DatasetKind } from '$lib/queries/datasets';
import { atomicWrite, readJson, serial } from './fsio';
import { KeptThread } from './threads/kept';

/** One side of a comparison: a version and its content hash (null: nothing, a withdrawal or before the first). */
export interface Side {
  version: number | null;
  sha: string | null;
}

/** The SHA-256 of a text, as the store names contents. */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const memory = new Map<string, ChangeSummary>();

/** The comparisons' worker thread. */
const comparisons = new KeptThread();

/**
 * What changed from `before` to `after`: rows of `after`, and rows added, removed and changed per
 * indicator, computed with DuckDB in a worker thread. Two contents always give the same answer, so it
 * is kept under their hashes, in memory and in `cache/changes/`.
 */
export async function changeSummary(
  root: string,
  name: string,
  kind: DatasetKind,
  before: Side,
  after: Side
): Promise<ChangeSummary> {
  const key = `${kind}-${before.sha ?? 'none'}-${after.sha ?? 'none'}`;
  const known = memory.get(key);
  if (known) return known;
  const path = join(root, 'cache', 'changes', `${key}.json`);
  const saved = await readJson<ChangeSummary | null>(path, null).catch(() => null);
  if (saved) {
    memory.set(key, saved);
    return saved;
  }
  const summary = await serial('vigie-changes', () =>
    comparisons.run((thread) =>
      thread.call('changes', {
        name,
        kind,
        before: before.sha === null ? null : before.version,
        after: after.sha === null ? null : after.version
      })
    )
  );
  memory.set(key, summary);
  await atomicWrite(root, path, JSON.stringify(summary)).catch(() => {}); // a cache: losing it costs a recomputation
  return summary;
}
