import type { SqlQuery } from '$lib/db/types';
import { ROWS_TABLE, type DatasetKind } from './datasets';

/** How rows of each kind are matched between two versions: group shown, identity, compared columns. */
const SHAPE: Record<DatasetKind, { group: string; key: string[]; compared: string[] }> = {
  observations: {
    group: 'indicator_id',
    key: ['indicator_id', 'period', 'region', 'upper(country)', 'discipline', 'program'],
    // Numbers as numbers (12 and 12.0 are the same value), a cell that is not one as its text.
    compared: ['coalesce(CAST(value AS VARCHAR), value_text)', 'note', 'source']
  },
  indicators: {
    group: 'indicator_id',
    key: ['indicator_id'],
    compared: [
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
    ]
  },
  agreements: {
    group: 'CAST(NULL AS VARCHAR)',
    key: ['partner', 'upper(partner_country)', 'signed'],
    compared: ['type', 'scope', 'cites_2005_convention', 'in_force', 'source']
  },
  annotations: {
    group: 'CAST(NULL AS VARCHAR)',
    key: ['date', 'label_fr'],
    compared: ['label_en', 'short_fr', 'short_en', 'source']
  }
};

/** Joins columns into one comparable text; chr(31) (unit separator) never occurs in a CSV cell we keep. */
const joined = (columns: string[]) => `concat_ws(chr(31), ${columns.map((c) => `coalesce(${c}, '')`).join(', ')})`;

/**
 * Rows added, removed and changed (same identity, other values) from dataset `before` to dataset
 * `after`, both loaded, per indicator. Duplicated identities count once.
 */
export function changesQuery(kind: DatasetKind, before: string, after: string): SqlQuery {
  const { group, key, compared } = SHAPE[kind];
  const side = `SELECT ${group} AS grp, ${joined(key)} AS k, min(${joined(compared)}) AS v FROM ${ROWS_TABLE[kind]} WHERE dataset = ? GROUP BY ALL`;
  return {
    sql: `WITH a AS (${side}), b AS (${side}),
j AS (
  SELECT coalesce(b.grp, a.grp) AS grp, a.k IS NULL AS added, b.k IS NULL AS removed, a.v IS DISTINCT FROM b.v AS differs
  FROM a FULL OUTER JOIN b ON a.k = b.k
)
SELECT grp AS "group", CAST(count(*) FILTER (WHERE added) AS INTEGER) AS added,
  CAST(count(*) FILTER (WHERE removed) AS INTEGER) AS removed,
  CAST(count(*) FILTER (WHERE NOT added AND NOT removed AND differs) AS INTEGER) AS changed
FROM j GROUP BY grp
HAVING count(*) FILTER (WHERE added OR removed OR differs) > 0
ORDER BY grp NULLS FIRST`,
    params: [before, after]
  };
}

/** Data rows of a loaded dataset. */
export function rowCountQuery(kind: DatasetKind, dataset: string): SqlQuery {
  return { sql: `SELECT CAST(count(*) AS INTEGER) AS n FROM ${ROWS_TABLE[kind]} WHERE dataset = ?`, params: [dataset] };
}
