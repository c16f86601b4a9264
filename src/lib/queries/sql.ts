import type { Param, SqlQuery } from '$lib/db/types';

/** Quotes an identifier (column or table name), doubling embedded quotes: `a"b` → `"a""b"`. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a string literal. Only for names the app itself chose (registered file names), where a
 * table function's argument cannot be a bound parameter; user data always goes through `?`.
 */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Collects `AND`-ed conditions with their bound values, so a clause and its values never drift apart. */
export class Where {
  private readonly parts: string[] = [];
  readonly params: Param[] = [];

  /** Adds `condition` (with `?` placeholders) and the values it binds. */
  and(condition: string, ...values: Param[]): this {
    this.parts.push(condition);
    this.params.push(...values);
    return this;
  }

  /** The clause, `WHERE …` or empty. */
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join('\n  AND ')}` : '';
  }
}

/**
 * A temporary table holding the given rows, every value bound as a parameter: the statement that
 * creates it, then inserts of up to 200 rows each. `columns` are names the app chose, with their types.
 */
export function tableOfValues(name: string, columns: readonly [string, string][], rows: readonly Param[][]): SqlQuery[] {
  const create = {
    sql: `CREATE OR REPLACE TEMP TABLE ${ident(name)} (${columns.map(([c, type]) => `${ident(c)} ${type}`).join(', ')})`
  };
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const inserts: SqlQuery[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    inserts.push({ sql: `INSERT INTO ${ident(name)} VALUES ${chunk.map(() => placeholders).join(', ')}`, params: chunk.flat() });
  }
  return [create, ...inserts];
}
