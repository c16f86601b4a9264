import { describe, expect, it } from 'vitest';
import { connectNode } from '$lib/db/connector.node';

// The server's DuckDB is synchronous: between two of its statements, other requests must get their turn.

describe('the server’s engine', () => {
  it('lets the event loop run between statements, so one long task does not hold every request', async () => {
    const db = await connectNode();
    const served: number[] = [];
    let statements = 0;
    const work = (async () => {
      await db.query({ sql: 'CREATE TABLE t AS SELECT range AS i FROM range(200000)' });
      for (let k = 0; k < 5; k++, statements++)
        await db.query({ sql: 'SELECT sum(i) AS s FROM t WHERE i % ? = 0', params: [k + 2] });
    })();
    // Another request arriving while the statements run, as an I/O callback would.
    setImmediate(() => served.push(statements));
    await work;
    expect(served).toHaveLength(1);
    expect(served[0]).toBeLessThan(5); // answered before the last statement, not after all of them
  });
});
