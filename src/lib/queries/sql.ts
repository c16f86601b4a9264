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

/** Builds a query from SQL text and a `Where`, keeping the placeholders in the order they appear. */
export function withWhere(before: string, where: Where, after: string, extra: Param[] = []): SqlQuery {
  return { sql: `${before}\n${where}\n${after}`, params: [...where.params, ...extra] };
}
