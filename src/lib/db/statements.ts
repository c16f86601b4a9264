import { isRead, type Param, type SqlQuery } from './types';

/** How one engine prepares, runs and closes a statement (the browser's worker, or Node's bindings). */
export interface Engine<S, R> {
  /** Runs a statement with no parameter. */
  run(sql: string): Promise<R>;
  prepare(sql: string): Promise<S>;
  runPrepared(statement: S, params: readonly Param[]): Promise<R>;
  close(statement: S): Promise<void>;
}

/**
 * Runs statements on an engine, reads prepared once per statement text (filters change values, not
 * SQL, so plans are reused), and every prepared statement dropped before anything else runs: a kept
 * plan over a table that was replaced since crashes the wasm engine.
 */
export function statementRunner<S, R>(engine: Engine<S, R>): (q: SqlQuery) => Promise<R> {
  const prepared = new Map<string, Promise<S>>();
  return async ({ sql, params = [] }) => {
    if (!isRead(sql)) {
      const stale = [...prepared.values()];
      prepared.clear();
      await Promise.all(stale.map((s) => s.then((st) => engine.close(st)).catch(() => {})));
      if (params.length === 0) return engine.run(sql);
      const once = await engine.prepare(sql);
      try {
        return await engine.runPrepared(once, params);
      } finally {
        await engine.close(once);
      }
    }
    if (params.length === 0) return engine.run(sql);
    let statement = prepared.get(sql);
    if (!statement) {
      statement = engine.prepare(sql);
      prepared.set(sql, statement);
      statement.catch(() => prepared.delete(sql));
    }
    return engine.runPrepared(await statement, params);
  };
}
