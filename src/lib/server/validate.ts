import { readFile, rm } from 'node:fs/promises';
import { threadId } from 'node:worker_threads';
import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import { analyseBytes } from '$lib/import/analyse';
import { sniff } from '$lib/import/detect';
import { SNIFF_BYTES } from '$lib/import/limits';
import { commitImport, exportDataset } from '$lib/import/pipeline';
import { companionCatalogueQueries, definedElsewhereQuery } from '$lib/queries/catalogue';
import type { CurrentDataset } from './current';
import { loadCurrent } from './load';
import { catalogueNameFor } from './names';
import type { PublishDecisions, PublishRefusal } from './publish';

/** A publish to validate, as its worker thread receives it. */
export interface ValidateJob {
  /** The uploaded file, on disk as it arrived (whatever its format: the import code reads it). */
  path: string;
  fileName: string;
  decisions: PublishDecisions;
  /** The current datasets, the target one left out (its new version replaces it). */
  current: CurrentDataset[];
}

/** What validation gave: the canonical CSV to store (and the catalogue of the indicators it described), or a refusal. */
export type Validated =
  | { ok: true; csv: Uint8Array; catalogue: Uint8Array | null; rows: number; accepted: number; rejected: number }
  | { ok: false; status: number; code: PublishRefusal; detail?: string };

const refuse = (status: number, code: PublishRefusal, detail?: string): Validated => ({ ok: false, status, code, detail });

/**
 * Validates a published file again with the import code, on a fresh DuckDB loaded with the current data
 * (a damaged dataset left out, as the dashboard does), and writes the canonical CSV it produces. The
 * browser's result is never trusted. Runs in a worker thread: a million rows take the thread seconds,
 * never the server's event loop.
 */
export async function validatePublish(job: ValidateJob): Promise<Validated> {
  const { decisions: d, fileName } = job;
  const companion = catalogueNameFor(d.dataset);
  const bytes = new Uint8Array(await readFile(job.path));

  // Column positions must exist in the file, else the SQL would name a column that is not there
  // (a workbook's columns are checked once its sheet is read, by analyseBytes).
  const sniffed = sniff(bytes.subarray(0, SNIFF_BYTES), d.dialect);
  if (d.mapping && !sniffed.workbook) {
    const width = sniffed.header.length;
    if ([...Object.values(d.mapping.columns), ...d.mapping.periodColumns].some((i) => i >= width))
      return refuse(422, 'bad_request', 'column out of range');
  }

  const db = await connectNode();
  await loadCurrent(db, job.current);

  let analysis;
  try {
    analysis = await analyseBytes(db, bytes, {
      dialect: d.dialect,
      mapping: d.mapping,
      indicatorMap: d.indicatorMap,
      levels: d.levels,
      described: d.described,
      fileName,
      sheet: d.sheet,
      headerRow: d.headerRow
    });
  } catch (err) {
    return refuse(422, 'unreadable', err instanceof Error ? err.message.slice(0, 300) : undefined);
  }
  if (!analysis.ok)
    return refuse(analysis.problem === 'binary' ? 415 : analysis.problem === 'too_large' ? 413 : 422, analysis.problem);
  if (analysis.missing.length || !analysis.check) return refuse(422, 'mapping_incomplete', analysis.missing.join(', '));

  // Every indicator the rows go to must be in the catalogue or described with this file.
  const catalogue = new Set(
    (await db.query<{ indicator_id: string }>({ sql: 'SELECT indicator_id FROM indicators' })).map((r) => r.indicator_id)
  );
  const describedIds = new Set(d.described.map((n) => n.indicator_id));
  const axes = new Set((await db.query<{ axis: string }>({ sql: 'SELECT DISTINCT axis FROM indicators' })).map((r) => r.axis));
  if (d.described.some((n) => !axes.has(n.axis))) return refuse(422, 'bad_request', 'unknown axis');
  const unknown = Object.values(analysis.indicatorMap).filter(
    (id): id is string => !!id && !catalogue.has(id) && !describedIds.has(id)
  );
  if (unknown.length) return refuse(422, 'unknown_indicator', [...new Set(unknown)].slice(0, 10).join(', '));
  if (describedIds.size) {
    const clash = await db.query<{ indicator_id: string }>(definedElsewhereQuery([...describedIds], companion));
    if (clash.length) return refuse(409, 'indicator_exists', clash.map((c) => c.indicator_id).join(', '));
  }

  const { check } = analysis;
  if (check.accepted === 0) return refuse(422, 'nothing_valid');
  if (d.expectAccepted !== null && d.expectAccepted !== check.accepted) {
    return refuse(409, 'count_mismatch', `server ${check.accepted}, browser ${d.expectAccepted}`);
  }
  const { rows } = await commitImport(db, d.dataset, fileName, d.mode, d.described);
  if (rows === 0) return refuse(422, 'nothing_new');
  const csv = await exportDataset(db, d.dataset);
  const described = d.described.length ? await exportCatalogue(db, `${d.dataset}.indicators.csv`, companion) : null;
  return { ok: true, csv, catalogue: described, rows, accepted: check.accepted, rejected: check.rejected };
}

let exports = 0;
async function exportCatalogue(db: Connector, described: string, companion: string): Promise<Uint8Array> {
  const file = `vigie_catalogue_${process.pid}_${threadId}_${++exports}.csv`;
  try {
    for (const q of companionCatalogueQueries(described, companion, file)) await db.query(q);
    return await db.readFile(file);
  } finally {
    await rm(file, { force: true });
  }
}
