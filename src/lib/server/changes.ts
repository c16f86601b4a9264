import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import type { ChangeSummary } from '$lib/publishing/types';
import { changesQuery, dropRawQueries, rowCountQuery } from '$lib/queries/changes';
import { loadDatasets, type DatasetKind } from '$lib/queries/datasets';
import { atomicWrite, readJson, serial } from './fsio';

/** One side of a comparison: a version's content hash (null: nothing, a withdrawal) and how to read it. */
export interface Side {
  sha: string | null;
  /** Read only when the comparison is not cached. */
  load: () => Promise<string | null>;
}

/** A side whose text is at hand. */
export function textSide(text: string | null): Side {
  return { sha: text === null ? null : createHash('sha256').update(text).digest('hex'), load: async () => text };
}

let scratch: Promise<Connector> | undefined;
/** A DuckDB of its own for comparisons, so they never touch the engine that renders pages. */
function scratchEngine(): Promise<Connector> {
  scratch ??= connectNode();
  return scratch;
}

const memory = new Map<string, ChangeSummary>();

/**
 * What changed from `before` to `after`: rows of `after`, and rows added, removed and changed per
 * indicator, computed with DuckDB on the raw rows (the same reader as the dashboard). Two contents
 * always give the same answer, so it is kept under their hashes, in memory and in `cache/changes/`.
 */
export async function changeSummary(root: string, kind: DatasetKind, before: Side, after: Side): Promise<ChangeSummary> {
  const key = `${kind}-${before.sha ?? 'none'}-${after.sha ?? 'none'}`;
  const known = memory.get(key);
  if (known) return known;
  const path = join(root, 'cache', 'changes', `${key}.json`);
  const saved = await readJson<ChangeSummary | null>(path, null).catch(() => null);
  if (saved) {
    memory.set(key, saved);
    return saved;
  }
  const summary = await serial('vigie-changes', () => compute(kind, before, after));
  memory.set(key, summary);
  await atomicWrite(root, path, JSON.stringify(summary)).catch(() => {}); // a cache: losing it costs a recomputation
  return summary;
}

let seq = 0;
async function compute(kind: DatasetKind, beforeSide: Side, afterSide: Side): Promise<ChangeSummary> {
  const before = { text: beforeSide.sha === null ? null : await beforeSide.load() };
  const after = { text: afterSide.sha === null ? null : await afterSide.load() };
  const db = await scratchEngine();
  const id = ++seq;
  const a = `before-${id}`;
  const b = `after-${id}`;
  const files = [
    ...(before.text !== null ? [{ name: a, kind, text: before.text }] : []),
    ...(after.text !== null ? [{ name: b, kind, text: after.text }] : [])
  ];
  try {
    if (files.length) await loadDatasets(db, files);
    const groups = files.length ? await db.query<ChangeSummary['groups'][number]>(changesQuery(kind, a, b)) : [];
    const [{ n } = { n: 0 }] = after.text !== null ? await db.query<{ n: number }>(rowCountQuery(kind, b)) : [];
    const total = (k: 'added' | 'removed' | 'changed') => groups.reduce((s, g) => s + g[k], 0);
    return { rows: n, added: total('added'), removed: total('removed'), changed: total('changed'), groups };
  } finally {
    for (const q of dropRawQueries([a, b])) await db.query(q);
  }
}
