import type { SqlQuery } from '$lib/db/types';
import { FILTER_DIMENSIONS } from './filters';
import { coarserRollups, rollupTable } from './observations';
import { ident } from './sql';

/**
 * A browser's engine can start from the tables of the server's, as they are once loaded: the rows of
 * every file typed, what hides rows, the catalogue and the summaries, sent as Arrow and inserted as
 * they are, instead of reading the CSV files and deriving the same tables again (engine/snapshot.ts).
 * The coarser rollups are left out: a browser builds them only if it ever reads one.
 */
export function snapshotTablesQuery(): SqlQuery {
  const skip = coarserRollups();
  const last = summaryTableNames();
  return {
    sql: `SELECT table_name AS name FROM duckdb_tables()
WHERE database_name = 'vigie' AND schema_name = 'main' AND NOT temporary
  AND table_name NOT IN (${skip.map(() => '?').join(', ')})
ORDER BY table_name IN (${last.map(() => '?').join(', ')}), table_name`,
    params: [...skip, ...last]
  };
}

/**
 * The tables summarising the observations (what a load builds after the rows: the finest rollup, the
 * filter bar's choices, each indicator's dimensions): a snapshot sends them last, after the rows and
 * what hides rows, as a load of the files builds them after.
 */
export function summaryTableNames(): string[] {
  return ['indicator_dims', rollupTable(FILTER_DIMENSIONS), 'filter_options'];
}

/** Where `table`'s row numbers end (after its last row's): its parts are read up to there. */
export function tableEndQuery(table: string): SqlQuery {
  return { sql: `SELECT CAST(coalesce(max(rowid) + 1, 0) AS DOUBLE) AS "end" FROM ${ident(table)}` };
}

/** `table`'s columns in their order, each with whether it holds text. */
export function tableColumnsQuery(table: string): SqlQuery {
  return {
    sql: `SELECT column_name AS name, data_type = 'VARCHAR' AS text FROM duckdb_columns()
WHERE database_name = 'vigie' AND schema_name = 'main' AND table_name = ? ORDER BY column_index`,
    params: [table]
  };
}

/** How many rows `table` holds (`rows`), and how many different values each of `columns` (`v0`, `v1`…). */
export function distinctValuesQuery(table: string, columns: readonly string[]): SqlQuery {
  const counts = columns.map((c, i) => `, CAST(count(DISTINCT ${ident(c)}) AS DOUBLE) AS v${i}`).join('');
  return { sql: `SELECT CAST(count(*) AS DOUBLE) AS rows${counts} FROM ${ident(table)}` };
}

/**
 * A type of this connection's (temporary: the data's database is not written) whose values are those of
 * `column` in `table`: a column read as it is sent as an Arrow dictionary, each value once per part and
 * each row a small number, where a million rows repeated the same few names.
 */
export function dictionaryTypeQuery(type: string, table: string, column: string): SqlQuery {
  const c = ident(column);
  return { sql: `CREATE TEMP TYPE ${ident(type)} AS ENUM (SELECT DISTINCT ${c} FROM ${ident(table)} WHERE ${c} IS NOT NULL)` };
}

/** Drops a type `dictionaryTypeQuery` made. */
export function dropTypeQuery(type: string): SqlQuery {
  return { sql: `DROP TYPE IF EXISTS ${ident(type)}` };
}

/** A column a snapshot sends, read as the type `dictionary` names when it has one (`dictionaryTypeQuery`). */
export interface PartColumn {
  name: string;
  dictionary: string | null;
}

/**
 * At most `limit` rows of `table` from its row number `from`, in the order they were inserted (a
 * row's number is its place in the table: the parts of a table, read one after another, give its rows
 * in order). `table` is one of `snapshotTablesQuery`'s names, never a visitor's input. A column with a
 * dictionary is read as it: the engine that inserts the part reads it back as text.
 */
export function tablePartQuery(table: string, columns: readonly PartColumn[], from: number, limit: number): SqlQuery {
  const list = columns.map(({ name, dictionary }) =>
    dictionary ? `CAST(${ident(name)} AS ${ident(dictionary)}) AS ${ident(name)}` : ident(name)
  );
  return {
    sql: `SELECT ${list.join(', ')} FROM ${ident(table)} WHERE rowid >= ? AND rowid < ?`,
    params: [from, from + limit]
  };
}

/** Drops a table a snapshot made (one that broke off: the engine is left as it was, with no table). */
export function dropTableQuery(table: string): SqlQuery {
  return { sql: `DROP TABLE IF EXISTS ${ident(table)}` };
}
