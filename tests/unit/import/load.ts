import { expect } from 'vitest';
import type { Connector } from '$lib/db/types';
import { analyseBytes, type Analysis, type AnalyseOptions } from '$lib/import/analyse';
import { commitImport } from '$lib/import/pipeline';
import type { NewIndicator } from '$lib/queries/import-commit';
import { NO_FILTERS } from '$lib/queries/filters';
import { indicatorsQuery, type Indicator } from '$lib/queries/indicators';
import { seriesQuery, type SeriesPoint } from '$lib/queries/observations';
import { panelOf } from '$lib/views/overview';

/** A file read, mapped and checked (not refused). */
export type Analysed = Extract<Analysis, { ok: true }>;

/** Reads a file with the manager's decisions; fails the test when the file is refused as a whole. */
export async function analysed(db: Connector, bytes: Uint8Array, options: AnalyseOptions = {}): Promise<Analysed> {
  const a = await analyseBytes(db, bytes, options);
  if (!a.ok) throw new Error(`refused: ${a.problem}`);
  expect(a.missing).toEqual([]);
  return a;
}

/** An indicator an import adds to the catalogue, in a unit. */
export function described(indicator_id: string, unit: string): NewIndicator {
  return { indicator_id, unit, axis: 'tournees', name_fr: indicator_id, name_en: indicator_id };
}

let loads = 0;
/** Reads, checks and loads a file (with the indicators it describes); returns its check. */
export async function loaded(
  db: Connector,
  bytes: Uint8Array,
  options: AnalyseOptions & { described?: NewIndicator[] } = {}
): Promise<Analysed> {
  const a = await analysed(db, bytes, options);
  await commitImport(db, `imports/test-${++loads}.csv`, 'Test', 'replace', options.described ?? []);
  return a;
}

/** What the indicator's chart and table draw: each period and its value. */
export async function drawn(db: Connector, id: string): Promise<[string, number | null][]> {
  const rows = await db.query<SeriesPoint>(seriesQuery([id], NO_FILTERS));
  return rows.map((r) => [r.period, r.value]);
}

/** The overview panel of an indicator: the latest value and its period, as a manager reads them. */
export async function panel(db: Connector, id: string) {
  const catalogue = await db.query<Indicator>(indicatorsQuery());
  const indicator = catalogue.find((i) => i.indicator_id === id)!;
  const series = await db.query<SeriesPoint>(seriesQuery([id], NO_FILTERS));
  return panelOf(indicator.axis as never, indicator, series, undefined, NO_FILTERS);
}
