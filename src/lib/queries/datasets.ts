import type { SqlQuery } from '$lib/db/types';
import { ident, literal } from './sql';
import { importMacros } from './import-macros';
import { maskTables, observationViewQueries, typedObservations } from './observation-rows';
import { rollupQueries } from './observations';
import { periodMacros, withPeriodOf } from './period';

/** What a CSV file holds, by the data contract of docs/data-format.md. */
export type DatasetKind = 'indicators' | 'observations' | 'agreements' | 'annotations';

/** One CSV file to load: its name (e.g. `observations/sample.csv`), its kind and its text. */
export interface DatasetFile {
  /** Path relative to the data folder, used as the dataset's name. */
  name: string;
  /** Which table of the contract it feeds. */
  kind: DatasetKind;
  /** The file's text, UTF-8 decoded; or `blob`, the file as downloaded. */
  text?: string;
  /**
   * The file as the browser downloaded it (UTF-8): the engine's worker reads it itself, so an 82 MB file
   * is neither decoded into a string nor copied on the page's thread.
   */
  blob?: Blob;
  /**
   * Observations only: the file's rows replace the rows of earlier files for the same indicator and
   * period (an import in "replace" mode), instead of adding to them.
   */
  replaces?: boolean;
}

/** A dataset as the browser sees it in the manifest: enough to fetch it and to know when it changed. */
export interface DatasetEntry {
  /** Path relative to the data folder, e.g. `observations/sample.csv`. */
  name: string;
  /** Which table of the contract it feeds. */
  kind: DatasetKind;
  /** Size in bytes. */
  bytes: number;
  /** Short content hash, so a browser cache is invalidated when the file changes. */
  version: string;
  /** Its rows hide earlier rows of the same indicator and period (published in "replace" mode). */
  replaces?: boolean;
}

/** The columns each kind of file may have; absent optional columns load as NULL. */
export const CONTRACT: Record<DatasetKind, readonly string[]> = {
  indicators: [
    'indicator_id',
    'axis',
    'name_fr',
    'name_en',
    'unit',
    'direction',
    'target',
    'target_period',
    'definition_fr',
    'definition_en',
    'source',
    'measure',
    'headline'
  ],
  observations: ['indicator_id', 'period', 'value', 'region', 'country', 'discipline', 'program', 'note', 'source'],
  agreements: ['partner', 'partner_country', 'type', 'scope', 'signed', 'cites_2005_convention', 'in_force', 'source'],
  annotations: ['date', 'label_fr', 'label_en', 'short_fr', 'short_en', 'source']
};

/**
 * Where each kind of file's rows are read, every file's, as loaded: the catalogue files' as text (a few
 * hundred rows), the observations typed (a view over `observation_cells`, the only copy of them the
 * engine holds).
 */
export const ROWS_TABLE: Record<DatasetKind, string> = {
  indicators: 'raw_indicators',
  observations: 'observation_rows',
  agreements: 'raw_agreements',
  annotations: 'raw_annotations'
};

/**
 * The database the data live in: in memory, compressed as DuckDB compresses its files (dictionaries,
 * run lengths, FSST) at each checkpoint (`Coordinator.compress`, after each load and import): a million
 * observations then take about 15 MB instead of 460 MB, where the default in-memory database keeps
 * every value as is. Tables, views and macros created after `USE` go there.
 *
 * Checkpoints run only where the app asks for them: DuckDB would otherwise run one inside any commit
 * that wrote more than 16 MB, and a browser's load would wait for its rows' compression (0.7 s at a
 * million rows) before it could answer anything, where it can compress them once they are in
 * (`Coordinator.after`). Every write the app makes is followed by its own checkpoint.
 */
const database: SqlQuery[] = [
  { sql: "ATTACH IF NOT EXISTS ':memory:' AS vigie (COMPRESS)" },
  { sql: 'USE vigie' },
  { sql: "SET checkpoint_threshold = '1TB'" }
];

/** The database the data live in, made the default (`database` above). Idempotent. */
export function databaseQueries(): SqlQuery[] {
  return database;
}

/**
 * Creates the empty tables of rows (the catalogue files' every column text, the observations typed), the
 * load order, the period macros, and the `observations` view over empty masks. Idempotent.
 */
export function setupQueries(): SqlQuery[] {
  return [...database, ...schemaQueries()];
}

/** `setupQueries` after the database: what an engine started from a snapshot makes once its tables are in. */
export function schemaQueries(): SqlQuery[] {
  const tables = CATALOGUE_KINDS.map((kind) => ({
    sql: `CREATE TABLE IF NOT EXISTS ${ROWS_TABLE[kind]} (dataset VARCHAR, line INTEGER, ${CONTRACT[kind]
      .map((c) => `${ident(c)} VARCHAR`)
      .join(', ')})`
  }));
  const meta = { sql: 'CREATE TABLE IF NOT EXISTS dataset_meta (dataset VARCHAR, seq INTEGER, replaces BOOLEAN)' };
  return [...periodMacros, ...importMacros, ...tables, meta, ...observationViewQueries()];
}

const CATALOGUE_KINDS = ['indicators', 'agreements', 'annotations'] as const;

/** Gives a dataset its number in `observation_cells`, once: the same name keeps it while it is loaded. */
export function datasetIdQuery(name: string): SqlQuery {
  return {
    sql: `INSERT INTO dataset_ids SELECT ?, (SELECT coalesce(max(dataset_id), 0) + 1 FROM dataset_ids)
WHERE NOT EXISTS (SELECT 1 FROM dataset_ids WHERE dataset = ?)`,
    params: [name, name]
  };
}

/** A dataset's observations deleted (from their table: a view cannot be). */
function deleteObservationsQuery(name: string): SqlQuery {
  return {
    sql: 'DELETE FROM observation_cells WHERE dataset_id IN (SELECT dataset_id FROM dataset_ids WHERE dataset = ?)',
    params: [name]
  };
}

/** The datasets loaded so far, by name (`dataset`). */
export function loadedDatasetsQuery(): SqlQuery {
  return { sql: 'SELECT dataset FROM dataset_meta' };
}

/**
 * Records a dataset's load order and mode; later "replace" datasets mask earlier rows. `loadedBefore`:
 * the engine holds an earlier load of that name, whose record goes first.
 */
export function datasetMetaQueries(name: string, replaces: boolean, loadedBefore: boolean): SqlQuery[] {
  return [
    ...(loadedBefore ? [{ sql: 'DELETE FROM dataset_meta WHERE dataset = ?', params: [name] }] : []),
    { sql: 'INSERT INTO dataset_meta SELECT ?, coalesce(max(seq), 0) + 1, ? FROM dataset_meta', params: [name, replaces] }
  ];
}

/**
 * The contract's dialect is fixed (comma, double quotes): a ragged row is then an error with its line,
 * where a sniffer would quietly fall back to reading the whole file as one column.
 */
function csvSource(registered: string): string {
  return `read_csv(${literal(registered)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', ${CSV_BUFFER})`;
}

/**
 * The reader's buffers: DuckDB's default (16 times the longest line it accepts, 2 MB) allocates about
 * 95 MB of the engine's memory, which in wasm is never given back, even for a 1 KB file; twice the
 * longest line reads as fast (docs/performance.md) and keeps lines up to 2 MB as before.
 */
export const CSV_BUFFER = 'buffer_size = 4194304';

/** The header of a registered CSV file, as DuckDB's reader names its columns (`column_name`). */
export function csvColumnsQuery(registered: string): SqlQuery {
  return { sql: `SELECT column_name FROM (DESCRIBE SELECT * FROM ${csvSource(registered)})` };
}

/**
 * Replaces a dataset's rows by the rows of its registered file, whose header is `header`
 * (`csvColumnsQuery`): the contract's columns whatever their case or surrounding spaces, absent ones NULL;
 * observations typed on the way in (`OBSERVATION_ROWS`). The earlier rows are deleted only when the
 * engine loaded that name before (`loadedBefore`): a statement planned for nothing costs tens of
 * milliseconds while the engine's code is still cold.
 */
export function insertRowsQueries(
  file: DatasetFile,
  registered: string,
  header: readonly string[],
  loadedBefore: boolean
): SqlQuery[] {
  const byLower = new Map(header.map((h) => [h.trim().toLowerCase(), h] as const));
  const cells = CONTRACT[file.kind]
    .map((c) => `${byLower.has(c) ? `NULLIF(vigie_trim(${ident(byLower.get(c)!)}), '')` : 'NULL'} AS ${ident(c)}`)
    .join(', ');
  const rows = `CAST(row_number() OVER () + 1 AS INTEGER) AS line, ${cells} FROM ${csvSource(registered)}`;
  if (file.kind === 'observations') {
    const read = `SELECT (SELECT dataset_id FROM dataset_ids WHERE dataset = ?) AS dataset_id, ${rows}`;
    return [
      datasetIdQuery(file.name),
      ...(loadedBefore ? [deleteObservationsQuery(file.name)] : []),
      { sql: `INSERT INTO observation_cells ${typedObservations(read)}`, params: [file.name] }
    ];
  }
  const table = ROWS_TABLE[file.kind];
  return [
    ...(loadedBefore ? [{ sql: `DELETE FROM ${table} WHERE dataset = ?`, params: [file.name] }] : []),
    { sql: `INSERT INTO ${table} SELECT ? AS dataset, ${rows}`, params: [file.name] }
  ];
}

/**
 * Deletes a dataset's rows, its number and its load order (the derived tables are the caller's to
 * rebuild; a scratch engine's compared datasets are dropped without).
 */
export function deleteDatasetQueries(name: string): SqlQuery[] {
  return [
    deleteObservationsQuery(name),
    ...[...CATALOGUE_KINDS.map((kind) => ROWS_TABLE[kind]), 'dataset_ids', 'dataset_meta'].map((table) => ({
      sql: `DELETE FROM ${table} WHERE dataset = ?`,
      params: [name]
    }))
  ];
}

/** A named step of rebuilding the derived tables, and its statements in order. */
export type DerivedStep = readonly [step: 'catalogue' | 'observations' | 'summaries', queries: SqlQuery[]];

/**
 * The tables every query reads, rebuilt from the rows, step by step: the catalogue, agreements and
 * annotations, what hides observations, then their summaries.
 */
export function derivedQueries(): DerivedStep[] {
  return [
    ['catalogue', catalogueTables()],
    ['observations', maskTables()],
    ['summaries', summaryTables()]
  ];
}

/**
 * After observations were added (an import): what hides rows and the tables summarising them, and the
 * catalogue when the import described new indicators.
 */
export function summaryQueries(catalogueChanged: boolean): SqlQuery[] {
  return [...(catalogueChanged ? catalogueTables().slice(0, 1) : []), ...maskTables(), ...summaryTables()];
}

/**
 * The typed tables every query reads (the catalogue, agreements, annotations here; observations and
 * their summaries below). Rebuilt after each load rather than kept as views, so a filter change scans
 * prepared columns instead of re-parsing periods, and the rollups of the observations instead of them.
 */
function catalogueTables(): SqlQuery[] {
  return [
    {
      sql: `CREATE OR REPLACE TABLE indicators AS
SELECT indicator_id, axis, name_fr, coalesce(name_en, name_fr) AS name_en,
  coalesce(unit, 'count') AS unit, coalesce(direction, 'up') AS direction,
  TRY_CAST(target AS DOUBLE) AS target, target_period,
  definition_fr, coalesce(definition_en, definition_fr) AS definition_en, source,
  coalesce(measure, 'flow') AS measure, dataset,
  lower(coalesce(headline, '')) IN ('true', 'oui', 'yes', '1') AS headline,
  -- The shipped catalogue first, then the catalogues of imports in the order they were loaded: an
  -- indicator an import describes joins its axis after the others, never ahead of its headline.
  CAST(row_number() OVER (ORDER BY dataset <> 'indicators.csv', m.seq NULLS LAST, dataset, line) AS INTEGER) AS catalogue_order,
  -- Once here: the period macros cost tens of milliseconds to plan, too much for every page.
  strftime(target_period_start, '%Y-%m-%d') AS target_start,
  strftime(target_period_end, '%Y-%m-%d') AS target_end
FROM ${withPeriodOf('raw_indicators', 'target_period')} LEFT JOIN dataset_meta m USING (dataset) WHERE indicator_id IS NOT NULL`
    },
    {
      sql: `CREATE OR REPLACE TABLE agreements AS
SELECT partner, upper(partner_country) AS partner_country, type, scope, signed,
  signed_granularity, signed_start, signed_end,
  lower(coalesce(cites_2005_convention, '')) IN ('true', 'oui', 'yes', '1') AS cites_2005_convention,
  lower(coalesce(in_force, 'true')) IN ('true', 'oui', 'yes', '1') AS in_force,
  source, dataset, line
FROM ${withPeriodOf('raw_agreements', 'signed')} WHERE partner IS NOT NULL`
    },
    {
      sql: `CREATE OR REPLACE TABLE annotations AS
SELECT date_start AS starts, date, label_fr, coalesce(label_en, label_fr) AS label_en,
  coalesce(short_fr, label_fr) AS short_fr, coalesce(short_en, short_fr, label_en, label_fr) AS short_en, source
FROM ${withPeriodOf('raw_annotations', 'date')} WHERE date_start IS NOT NULL`
    }
  ];
}

/** What the charts read: which dimensions each indicator has, and the rollups (after `observations`). */
function summaryTables(): SqlQuery[] {
  return [
    {
      sql: `CREATE OR REPLACE TABLE indicator_dims AS
SELECT indicator_id,
  bool_or(region IS NOT NULL) AS has_region, bool_or(country IS NOT NULL) AS has_country,
  bool_or(discipline IS NOT NULL) AS has_discipline, bool_or(program IS NOT NULL) AS has_program
FROM observations GROUP BY indicator_id`
    },
    ...rollupQueries()
  ];
}

/** One loaded dataset as the Données page lists it. */
export interface DatasetSummary {
  dataset: string;
  kind: DatasetKind;
  rows: number;
  /** First day covered, `YYYY-MM-DD`, or null for files without dates. */
  first: string | null;
  /** Last day covered. */
  last: string | null;
  /** Distinct indicators (observations files only). */
  indicators: number | null;
  /** Distinct sources, joined. */
  sources: string | null;
  /** Rows marked `source = sample`. */
  sample_rows: number;
}

/** Rows, coverage, sources and sample share of every loaded file. */
export function datasetSummaryQuery(): SqlQuery {
  return {
    sql: `SELECT * FROM (
SELECT dataset, 'observations' AS kind, count(*) AS rows,
  strftime(min(period_start), '%Y-%m-%d') AS first, strftime(max(period_end), '%Y-%m-%d') AS last,
  count(DISTINCT indicator_id) AS indicators, string_agg(DISTINCT source, ' · ') AS sources,
  count(*) FILTER (WHERE source = 'sample') AS sample_rows
FROM ${withPeriodOf('observation_rows', 'period')} GROUP BY dataset
UNION ALL
SELECT dataset, 'agreements', count(*), strftime(min(signed_start), '%Y-%m-%d'),
  strftime(max(signed_end), '%Y-%m-%d'), NULL, string_agg(DISTINCT source, ' · '),
  count(*) FILTER (WHERE source = 'sample')
FROM ${withPeriodOf('raw_agreements', 'signed')} GROUP BY dataset
UNION ALL
SELECT dataset, 'indicators', count(*), NULL, NULL, count(DISTINCT indicator_id),
  string_agg(DISTINCT source, ' · ') FILTER (WHERE source <> 'sample'), count(*) FILTER (WHERE source = 'sample')
FROM raw_indicators GROUP BY dataset
UNION ALL
SELECT dataset, 'annotations', count(*), strftime(min(date_start), '%Y-%m-%d'),
  strftime(max(date_end), '%Y-%m-%d'), NULL, string_agg(DISTINCT source, ' · '), 0
FROM ${withPeriodOf('raw_annotations', 'date')} GROUP BY dataset
) ORDER BY kind = 'observations', dataset`
  };
}
