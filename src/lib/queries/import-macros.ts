import type { SqlQuery } from '$lib/db/types';

/**
 * How a cell becomes a value, inside DuckDB so that a million rows are read at the CSV reader's speed.
 * French exports write `1 234,5 $` (space, no-break space U+00A0 or narrow no-break space U+202F as
 * thousands separator, decimal comma, unit after the number); English ones `$1,234.5`.
 */
export const importMacros: SqlQuery[] = [
  {
    // trim() costs a quarter of a second per million cells; most cells have no space to trim.
    sql: `CREATE OR REPLACE MACRO vigie_trim(v) AS CASE WHEN starts_with(v, ' ') OR ends_with(v, ' ') THEN trim(v) ELSE v END`
  },
  {
    sql: `CREATE OR REPLACE MACRO vigie_number(v, mark) AS TRY_CAST(
  CASE WHEN mark = ','
    THEN replace(regexp_replace(replace(trim(v), '−', '-'), '[\\s\\x{00a0}\\x{202f}$%]', '', 'g'), ',', '.')
    ELSE regexp_replace(replace(trim(v), '−', '-'), '[\\s\\x{00a0}\\x{202f}$%,]', '', 'g')
  END AS DOUBLE)`
  },
  {
    // Statistics Canada's and statisticians' marks for a value that is not there; kept missing, never 0.
    sql: `CREATE OR REPLACE MACRO vigie_missing(v) AS CASE
  WHEN v IS NULL OR trim(v) = '' THEN 'empty'
  WHEN trim(v) IN ('..', '...', '…') THEN 'not_available'
  WHEN trim(v) IN ('x', 'X') THEN 'suppressed'
  WHEN trim(v) = 'F' THEN 'unreliable'
  WHEN lower(trim(v)) IN ('n.d.', 'nd', 'n/d', 's.o.', 'n/a', 'na', '-', '—', '–') THEN 'not_available'
END`
  },
  {
    // SCALAR_FACTOR of Statistics Canada tables; note the real files' "units " with a trailing space.
    sql: `CREATE OR REPLACE MACRO vigie_scale(s) AS CASE lower(trim(coalesce(s, '')))
  WHEN 'tens' THEN 10 WHEN 'dizaines' THEN 10
  WHEN 'hundreds' THEN 100 WHEN 'centaines' THEN 100
  WHEN 'thousands' THEN 1e3 WHEN 'milliers' THEN 1e3
  WHEN 'tens of thousands' THEN 1e4 WHEN 'dizaines de milliers' THEN 1e4
  WHEN 'hundreds of thousands' THEN 1e5 WHEN 'centaines de milliers' THEN 1e5
  WHEN 'millions' THEN 1e6
  WHEN 'tens of millions' THEN 1e7 WHEN 'dizaines de millions' THEN 1e7
  WHEN 'hundreds of millions' THEN 1e8 WHEN 'centaines de millions' THEN 1e8
  WHEN 'billions' THEN 1e9 WHEN 'milliards' THEN 1e9
  ELSE 1 END`
  }
];
