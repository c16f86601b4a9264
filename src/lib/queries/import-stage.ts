import type { SqlQuery } from '$lib/db/types';
import type { LevelField } from '$lib/import/aggregates';
import { ident } from './sql';

/**
 * The members of each dimension a chart adds up, with their row counts, in one scan of the file's rows:
 * where a total stands among its parts.
 */
export function memberCountsQuery(fields: readonly LevelField[]): SqlQuery {
  const sets = fields.map((f) => `(${ident(f)})`).join(', ');
  const which = fields.map((f) => `WHEN GROUPING(${ident(f)}) = 0 THEN '${f}'`).join(' ');
  const member = fields.map((f) => `WHEN GROUPING(${ident(f)}) = 0 THEN ${ident(f)}`).join(' ');
  return {
    sql: `SELECT * FROM (
  SELECT CASE ${which} END AS field, CASE ${member} END AS member, CAST(count(*) AS INTEGER) AS rows
  FROM import_rows GROUP BY GROUPING SETS (${sets})
) WHERE member IS NOT NULL ORDER BY 1, 3 DESC, 2`
  };
}

/** Each member of a file column with its Statistics Canada hierarchy path (`1.2.5`) from another column. */
export function hierarchyQuery(memberColumn: number, pathColumn: number): SqlQuery {
  return {
    sql: `SELECT ${ident(`c${memberColumn}`)} AS member, any_value(${ident(`c${pathColumn}`)}) AS path
FROM import_raw WHERE ${ident(`c${memberColumn}`)} IS NOT NULL GROUP BY 1`
  };
}

/** The distinct units of the file's unit column, with their row counts. */
export function unitCountsQuery(): SqlQuery {
  return {
    sql: `SELECT unit, CAST(count(*) AS INTEGER) AS rows FROM import_rows WHERE unit IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`
  };
}

/**
 * Records read whose cells hold line breaks, and how many: a text editor shows each such record on
 * several lines, so the lines of the records after it move down.
 */
export function multilineQuery(columnCount: number): SqlQuery {
  const cells = Array.from({ length: columnCount }, (_, i) => ident(`c${i}`));
  const breaks = cells.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`).join(' + ');
  return {
    sql: `SELECT rec, extra FROM (
  SELECT CAST(rowid + 1 AS INTEGER) AS rec, ${breaks} AS extra FROM import_raw
  WHERE ${cells.map((c) => `contains(${c}, chr(10))`).join(' OR ')}
) WHERE extra > 0 ORDER BY rec`
  };
}
