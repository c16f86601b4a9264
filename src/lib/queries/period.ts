import type { SqlQuery } from '$lib/db/types';

/**
 * Period text → granularity, start and end dates, as DuckDB macros, so that 1 M rows normalise inside
 * the engine and the browser, the server and the tests share one definition.
 * Québec's fiscal year runs April 1 – March 31: `2019-2020` → 2019-04-01 … 2020-03-31.
 */
export const periodMacros: SqlQuery[] = [
  {
    sql: `CREATE OR REPLACE MACRO vigie_granularity(p) AS CASE
  WHEN regexp_full_match(p, '\\d{4}-\\d{4}')
    AND TRY_CAST(substr(p, 6, 4) AS INTEGER) = TRY_CAST(substr(p, 1, 4) AS INTEGER) + 1 THEN 'fiscal_year'
  WHEN regexp_full_match(p, '\\d{4}') THEN 'year'
  WHEN regexp_full_match(p, '\\d{4}-[Qq][1-4]') THEN 'quarter'
  WHEN regexp_full_match(p, '\\d{4}-(0[1-9]|1[0-2])') THEN 'month'
  WHEN regexp_full_match(p, '\\d{4}-\\d{2}-\\d{2}') AND TRY_CAST(p AS DATE) IS NOT NULL THEN 'day'
  WHEN regexp_full_match(p, '\\d{4}/\\d{4}')
    AND TRY_CAST(substr(p, 6, 4) AS INTEGER) > TRY_CAST(substr(p, 1, 4) AS INTEGER) THEN 'interval'
END`
  },
  {
    // The bounds given the granularity already computed: a million rows pay for the regular
    // expressions of vigie_granularity once, not once per bound (see the observations table).
    sql: `CREATE OR REPLACE MACRO vigie_start_of(p, g) AS CASE g
  WHEN 'fiscal_year' THEN make_date(TRY_CAST(substr(p, 1, 4) AS INTEGER), 4, 1)
  WHEN 'year' THEN make_date(TRY_CAST(p AS INTEGER), 1, 1)
  WHEN 'quarter' THEN make_date(TRY_CAST(substr(p, 1, 4) AS INTEGER), (TRY_CAST(substr(p, 7, 1) AS INTEGER) - 1) * 3 + 1, 1)
  WHEN 'month' THEN make_date(TRY_CAST(substr(p, 1, 4) AS INTEGER), TRY_CAST(substr(p, 6, 2) AS INTEGER), 1)
  WHEN 'day' THEN TRY_CAST(p AS DATE)
  WHEN 'interval' THEN make_date(TRY_CAST(substr(p, 1, 4) AS INTEGER), 1, 1)
END`
  },
  {
    sql: `CREATE OR REPLACE MACRO vigie_end_of(p, g, start) AS CASE g
  WHEN 'fiscal_year' THEN make_date(TRY_CAST(substr(p, 1, 4) AS INTEGER) + 1, 3, 31)
  WHEN 'year' THEN make_date(TRY_CAST(p AS INTEGER), 12, 31)
  WHEN 'quarter' THEN CAST(start + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
  WHEN 'month' THEN last_day(start)
  WHEN 'day' THEN TRY_CAST(p AS DATE)
  WHEN 'interval' THEN make_date(TRY_CAST(substr(p, 6, 4) AS INTEGER), 12, 31)
END`
  }
];

/**
 * `rows` (a table, or a subquery in parentheses) with the period text of its `column` read once: its
 * granularity, first and last day as the columns `<column>_granularity`, `<column>_start` and
 * `<column>_end`. Each macro is expanded once: a macro for the end alone would expand
 * `vigie_granularity` three times, and each expansion takes tens of milliseconds to plan while the
 * engine's code is cold (the browser's first load). `rows` and `column` are the app's own names, never
 * a file's.
 */
export function withPeriodOf(rows: string, column: string): string {
  const c = column;
  return `(SELECT s.*, vigie_end_of(${c}, ${c}_granularity, ${c}_start) AS ${c}_end
  FROM (SELECT g.*, vigie_start_of(${c}, ${c}_granularity) AS ${c}_start
    FROM (SELECT r.*, vigie_granularity(${c}) AS ${c}_granularity FROM ${rows} r) g) s)`;
}

/** Normalises one period text; used by tests and by the import preview. */
export function normalisePeriodQuery(period: string): SqlQuery {
  return {
    sql: `SELECT p_granularity AS granularity, strftime(p_start, '%Y-%m-%d') AS start, strftime(p_end, '%Y-%m-%d') AS "end"
FROM ${withPeriodOf('(SELECT trim(?::VARCHAR) AS p)', 'p')}`,
    params: [period]
  };
}
