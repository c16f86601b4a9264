import { Coordinator } from '$lib/coordinator/coordinator';
import { connectNode } from '$lib/db/connector.node';
import { loadDatasets } from '$lib/engine/load';
import type { ChangeSummary } from '$lib/publishing/types';
import { changesQuery, rowCountQuery } from '$lib/queries/changes';
import { deleteDatasetQueries, type DatasetKind } from '$lib/queries/datasets';
import { readVersion } from './current';

/** A comparison to compute: two versions of one dataset (null: nothing, before its first version or a withdrawal). */
export interface ChangeJob {
  name: string;
  kind: DatasetKind;
  before: number | null;
  after: number | null;
}

let scratch: Promise<Coordinator> | undefined;
let seq = 0;

/**
 * What changed from one version to the other: rows of `after`, and rows added, removed and changed per
 * indicator, computed with DuckDB on the rows as loaded (the same reader as the dashboard), on a DuckDB of
 * the worker thread's own. A withdrawal reads as nothing.
 */
export async function computeChanges(job: ChangeJob): Promise<ChangeSummary> {
  const read = (v: number | null) => (v === null ? Promise.resolve(null) : readVersion(job.name, v));
  const [before, after] = [await read(job.before), await read(job.after)];
  scratch ??= connectNode().then((engine) => new Coordinator(engine));
  const db = await scratch;
  const id = ++seq;
  const a = `before-${id}`;
  const b = `after-${id}`;
  const files = [
    ...(before !== null ? [{ name: a, kind: job.kind, text: before }] : []),
    ...(after !== null ? [{ name: b, kind: job.kind, text: after }] : [])
  ];
  try {
    if (files.length) await loadDatasets(db, files);
    const groups = files.length ? await db.query<ChangeSummary['groups'][number]>(changesQuery(job.kind, a, b)) : [];
    const [{ n } = { n: 0 }] = after !== null ? await db.query<{ n: number }>(rowCountQuery(job.kind, b)) : [];
    const total = (k: 'added' | 'removed' | 'changed') => groups.reduce((s, g) => s + g[k], 0);
    return { rows: n, added: total('added'), removed: total('removed'), changed: total('changed'), groups };
  } finally {
    for (const q of [a, b].flatMap(deleteDatasetQueries)) await db.query(q);
  }
}
