import type { SqlQuery } from '$lib/db/types';
import { CONTRACT } from './datasets';
import { ident, literal } from './sql';

/**
 * Writes the catalogue that goes with a published import: the indicators its import described (in
 * `described`), plus those of the catalogue's current version (`previous`) not described again.
 */
export function companionCatalogueQueries(described: string, previous: string, file: string): SqlQuery[] {
  const columns = CONTRACT.indicators.map(ident).join(', ');
  return [
    {
      sql: `CREATE OR REPLACE TEMP TABLE publish_catalogue AS
SELECT ${columns} FROM (
  SELECT *, 0 AS part FROM raw_indicators WHERE dataset = ?
  UNION ALL
  SELECT *, 1 FROM raw_indicators WHERE dataset = ? AND indicator_id NOT IN (SELECT indicator_id FROM raw_indicators WHERE dataset = ?)
) ORDER BY part, line, indicator_id`,
      params: [described, previous, described]
    },
    { sql: `COPY publish_catalogue TO ${literal(file)} (FORMAT csv, HEADER true, DELIMITER ',')` },
    { sql: 'DROP TABLE publish_catalogue' }
  ];
}

/** Indicator ids among `ids` that a dataset other than `except` already defines. */
export function definedElsewhereQuery(ids: readonly string[], except: string): SqlQuery {
  return {
    sql: `SELECT DISTINCT indicator_id FROM raw_indicators WHERE dataset <> ? AND indicator_id IN (${ids.map(() => '?').join(', ') || 'NULL'})`,
    params: [except, ...ids]
  };
}
