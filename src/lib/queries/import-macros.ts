import type { SqlQuery } from '$lib/db/types';

/**
 * How a cell becomes a value, inside DuckDB so that a million rows are read at the CSV reader's speed.
 * French exports write `1 234,5 $` (space, no-break space U+00A0 or narrow no-break space U+202F as
 * thousands separator, decimal comma, unit after the number); English ones `$1,234.5`.
 */
export const importMacros: SqlQuery[] = [
  {
    // trim(), which removes every Unicode space (the no-break spaces a web page or a spreadsheet leaves
    // around a cell too), costs a tenth of a second per million cells: only for cells that start or end
    // with a space, or hold a character beyond ASCII (more bytes than characters), which may be one.
    sql: `CREATE OR REPLACE MACRO vigie_trim(v) AS
  CASE WHEN starts_with(v, ' ') OR ends_with(v, ' ') OR strlen(v) <> length(v) THEN trim(v) ELSE v END`
  },
  {
    // Fiscal years as managers write them become `2019-2020`: `2019-20` (no 20th month) in any column;
    // `2019-20`, `2019/20` and `2019/2020` in a column whose header says fiscal years (mode 1);
    // Statistics Canada's spanned years `2019/2020` (mode 2), whose `2019-12` stays a month.
    sql: `CREATE OR REPLACE MACRO vigie_fiscal(p, mode) AS CASE
  WHEN p IS NULL THEN NULL
  WHEN regexp_full_match(p, '\\d{4}[-/]\\d{2}')
    AND ((mode = 1) OR (substr(p, 5, 1) = '-' AND TRY_CAST(substr(p, 6, 2) AS INTEGER) > 12))
    AND (TRY_CAST(substr(p, 1, 4) AS INTEGER) + 1) % 100 = TRY_CAST(substr(p, 6, 2) AS INTEGER)
    THEN substr(p, 1, 4) || '-' || CAST(TRY_CAST(substr(p, 1, 4) AS INTEGER) + 1 AS VARCHAR)
  WHEN mode > 0 AND regexp_full_match(p, '\\d{4}/\\d{4}')
    AND TRY_CAST(substr(p, 1, 4) AS INTEGER) + 1 = TRY_CAST(substr(p, 6, 4) AS INTEGER)
    THEN substr(p, 1, 4) || '-' || substr(p, 6, 4)
  ELSE p END`
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
