import { beforeAll, describe, expect, it } from 'vitest';
import { connectNode } from '$lib/db/connector.node';
import { toRows, toRowsPausing } from '$lib/db/rows';
import type { Connector } from '$lib/db/types';

let db: Connector;
beforeAll(async () => {
  db = await connectNode();
});

describe('rows read from the engine (Arrow, column by column)', () => {
  it('gives each type as the pages read it: integers and counts as numbers, nulls as null, lists, dates', async () => {
    const [row] = await db.query<Record<string, unknown>>({
      sql: `SELECT 7::INTEGER AS i, 9007199254740991::BIGINT AS big, count(*) AS n, 1.5::DOUBLE AS d,
  'Québec · 2019-2020' AS s, NULL::VARCHAR AS missing, NULL::DOUBLE AS no_value, TRUE AS yes,
  ['CALQ', NULL, 'SODEC'] AS list, strftime(DATE '2020-03-31', '%Y-%m-%d') AS day
FROM (VALUES (1), (2), (3)) t(x)`
    });
    expect(row).toMatchObject({
      i: 7,
      big: 9007199254740991,
      n: 3,
      d: 1.5,
      s: 'Québec · 2019-2020',
      missing: null,
      no_value: null,
      yes: true,
      day: '2020-03-31'
    });
    expect(typeof row!.n).toBe('number');
    expect([...(row!.list as Iterable<unknown>)]).toEqual(['CALQ', null, 'SODEC']);
    expect(Object.keys(row!)).toEqual(['i', 'big', 'n', 'd', 's', 'missing', 'no_value', 'yes', 'list', 'day']);
  });

  it('reads every row of a result the engine sends in several batches, in order', async () => {
    const rows = await db.query<{ i: number; s: string | null }>({
      sql: `SELECT i, CASE WHEN i % 1000 = 0 THEN NULL ELSE 'r' || i END AS s FROM range(5000) t(i) ORDER BY i`
    });
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual({ i: 4999, s: 'r4999' });
    expect(rows[3000]).toEqual({ i: 3000, s: null });
    expect(rows.every((r, k) => r.i === k)).toBe(true);
  });
});

describe('rows read on the page’s main thread', () => {
  // An Arrow table's shape: batches of columns, a getter each.
  const table = (batches: number[]) => ({
    schema: { fields: [{ name: 'i' }, { name: 'big' }] },
    batches: batches.map((size, b) => ({
      numRows: size,
      getChildAt: (j: number) => ({ get: (i: number) => (j === 0 ? b * 10_000 + i : BigInt(i)) })
    }))
  });

  it('reads a large result in parts, letting the page handle a click between them, and gives the same rows', async () => {
    let pauses = 0;
    const big = table([3000, 3000, 3000, 3000]);
    const rows = await toRowsPausing<{ i: number; big: number }>(big, async () => void pauses++);
    expect(pauses).toBe(3); // before each batch after the first
    expect(rows).toEqual(toRows(big));
    expect(rows).toHaveLength(12_000);
    expect(rows[11_999]).toEqual({ i: 32_999, big: 2999 });
  });

  it('reads a small result at once', async () => {
    let pauses = 0;
    await toRowsPausing(table([1000, 1000]), async () => void pauses++);
    expect(pauses).toBe(0);
  });
});
