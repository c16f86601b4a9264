import { describe, expect, it } from 'vitest';
import { Coordinator } from '$lib/coordinator/coordinator';
import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import { loadDatasets } from '$lib/engine/load';
import { COMPRESS_EVERY_ROWS, restoreSnapshot, snapshotParts } from '$lib/engine/snapshot';
import { encodePart, readParts, type SnapshotPart } from '$lib/engine/snapshot-parts';
import type { DatasetFile } from '$lib/queries/datasets';
import { snapshotTablesQuery, summaryTableNames } from '$lib/queries/snapshot';
import { pageParams } from '$lib/state/url';
import { pageModel, type PageName } from '$lib/views/pages';
import { readDataDir } from '../queries/engine';

const SLOW = 120_000;

/** The bytes of a snapshot as the server sends them, cut in chunks of `sizes` bytes in turn (a network's). */
async function sent(parts: AsyncIterable<SnapshotPart>, sizes = [7, 1000, 65_536], cut = Infinity) {
  const all: Uint8Array[] = [];
  for await (const part of parts) all.push(encodePart(part));
  const bytes = new Uint8Array(all.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of all) bytes.set(b, (at += b.length) - b.length);
  const whole = bytes.subarray(0, Math.min(cut, bytes.length));
  let i = 0;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= whole.length) return controller.close();
      const n = sizes[i++ % sizes.length]!;
      controller.enqueue(whole.slice(offset, offset + n));
      offset += n;
    }
  });
}

/** A row with its lists (Arrow vectors, compared by their buffers) as arrays. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const list = (v: unknown) => (v && typeof v === 'object' && 'toArray' in v ? Array.from(v as unknown as Iterable<unknown>) : v);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, list(v)]));
}

/** Every row of every table a snapshot sends, with its columns' types, in row order. */
async function tables(db: Connector): Promise<Record<string, { types: unknown[]; rows: unknown[] }>> {
  const out: Record<string, { types: unknown[]; rows: unknown[] }> = {};
  for (const { name } of await db.query<{ name: string }>(snapshotTablesQuery())) {
    out[name] = {
      types: await db.query({ sql: `SELECT column_name, column_type FROM (DESCRIBE "${name}")` }),
      rows: (await db.query<Record<string, unknown>>({ sql: `SELECT * FROM "${name}" ORDER BY rowid` })).map(plain)
    };
  }
  return out;
}

/** The server thread's engine over the shipped data: its connector (the snapshot's source) and coordinator. */
async function loadedServer() {
  const { files } = await readDataDir('data');
  const conn = await connectNode();
  const server = new Coordinator(conn);
  await loadDatasets(server, files);
  return { files, conn, server };
}

const PAGES: [PageName, string, string?][] = [
  ['overview', ''],
  ['overview', 'region=Europe&de=2018'],
  ['indicator', 'par=pays&region=Europe', 'tournees_soutenues'],
  ['indicator', 'par=discipline&de=2019&a=2022', 'tournees_soutenues'],
  ['agreements', 'de=2017'],
  ['report', 'de=2020'],
  ['catalogue', '']
];

async function models(db: Coordinator): Promise<unknown[]> {
  const out = [];
  for (const [page, query, id = ''] of PAGES)
    out.push(await pageModel(db, page, pageParams(page, new URLSearchParams(query), id)));
  return out;
}

const IMPORTED: DatasetFile = {
  name: 'observations/imported.csv',
  kind: 'observations',
  text: 'indicator_id,period,value,region\ntournees_soutenues,2024-2025,999,Europe\n'
};

describe("a browser's engine started from the server engine's tables", () => {
  it(
    'holds the same tables, typed the same, and gives every page the same model, before and after an import',
    async () => {
      const { conn, server } = await loadedServer(); // the browser gets the tables of `conn`
      const browser = new Coordinator(await connectNode(), { preaggregate: true });
      // Parts of 50 rows: the observations come in many parts, cut anywhere by the network.
      await restoreSnapshot(browser, readParts(await sent(snapshotParts(conn, 50))));
      await browser.settled();

      // The summaries come last, after the rows and what hides rows.
      const order: string[] = [];
      for await (const { table } of snapshotParts(conn)) if (order.at(-1) !== table) order.push(table);
      expect(order.slice(-3).sort()).toEqual(summaryTableNames().sort());

      const expected = await tables(server);
      expect(Object.keys(expected)).toContain('observation_cells');
      expect((expected.observation_cells!.rows as unknown[]).length).toBeGreaterThan(50 * 3);
      expect(await tables(browser)).toEqual(expected);
      const before = await models(server);
      expect(await models(browser)).toEqual(before);
      expect(JSON.stringify(before).split('"value":').length).toBeGreaterThan(100); // figures compared

      // The browser's own imports go on top of the snapshot as on top of the files.
      await loadDatasets(server, [IMPORTED]);
      await loadDatasets(browser, [IMPORTED]);
      const after = await models(server);
      expect(after).not.toEqual(before);
      expect(await models(browser)).toEqual(after);
    },
    SLOW
  );

  it(
    'compresses the rows as they come in, though the engine takes each part away (as the browser’s worker does)',
    async () => {
      const { conn } = await loadedServer();
      // Node's engine, given each part's bytes as a browser's worker is: transferred, leaving the part empty.
      const node = await connectNode();
      const steps: string[] = [];
      const taking: Connector = {
        ...node,
        query: (q) => (/^\s*CHECKPOINT/i.test(q.sql) && steps.push('compress'), node.query(q)),
        insertArrow: async (table, ipc, create) => {
          steps.push(table);
          await node.insertArrow!(table, structuredClone(ipc, { transfer: [ipc.buffer] }), create);
        }
      };
      const every = 500; // the shipped data are small: a window of 500 rows instead of COMPRESS_EVERY_ROWS
      expect(every).toBeLessThan(COMPRESS_EVERY_ROWS);
      const rows = (await conn.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS DOUBLE) AS n FROM observation_cells' }))[0]!
        .n;
      expect(rows).toBeGreaterThan(4 * every);

      const browser = new Coordinator(taking, { preaggregate: true });
      await restoreSnapshot(browser, readParts(await sent(snapshotParts(conn, 50))), every);
      // Compressed while the rows come in, not only once they are all in (their memory is never given back).
      const during = steps.slice(steps.indexOf('observation_cells'), steps.lastIndexOf('observation_cells') + 1);
      expect(during.filter((s) => s === 'compress').length).toBeGreaterThanOrEqual(Math.floor(rows / every) - 1);
    },
    SLOW
  );

  it(
    'sends a text column holding few values as a dictionary, and leaves nothing behind in the server engine',
    async () => {
      const { conn } = await loadedServer();
      let sent = 0;
      for await (const { table, ipc } of snapshotParts(conn)) if (table === 'observation_cells') sent += ipc.length;
      const plain = await conn.readArrow!({ sql: 'SELECT * FROM observation_cells' });
      // The names of indicators, regions, disciplines… once per part instead of once per row.
      expect(sent).toBeLessThan(plain.length / 3);
      // The dictionaries were the connection's own types, dropped once the snapshot was read.
      expect(await conn.query({ sql: "SELECT type_name FROM duckdb_types() WHERE type_name LIKE 'vigie_snapshot%'" })).toEqual(
        []
      );
    },
    SLOW
  );

  it(
    'is left as it was when the snapshot breaks off, and the files then load as usual',
    async () => {
      const { files, conn, server } = await loadedServer();
      const browser = new Coordinator(await connectNode(), { preaggregate: true });
      const broken = await sent(snapshotParts(conn, 50), [4096], 20_000);
      await expect(restoreSnapshot(browser, readParts(broken))).rejects.toThrow(/ended inside a part/);
      expect(await browser.query({ sql: "SELECT table_name FROM duckdb_tables() WHERE database_name = 'vigie'" })).toEqual([]); // not even the tables a part had made

      await loadDatasets(browser, files);
      expect(await models(browser)).toEqual(await models(server));
    },
    SLOW
  );

  it(
    'refuses an engine that holds tables already: a snapshot is where an engine starts',
    async () => {
      const { conn, server } = await loadedServer();
      const before = await models(server);
      await expect(restoreSnapshot(server, snapshotParts(conn))).rejects.toThrow(/already exists/);
      expect(await models(server)).toEqual(before); // its own tables untouched
    },
    SLOW
  );
});
