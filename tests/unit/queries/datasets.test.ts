import { describe, expect, it } from 'vitest';
import { Coordinator } from '$lib/coordinator/coordinator';
import { connectNode } from '$lib/db/connector.node';
import type { Connector } from '$lib/db/types';
import { loadDatasets } from '$lib/engine/load';
import { agreementsQuery, type Agreement } from '$lib/queries/agreements';
import { datasetSummaryQuery, type DatasetSummary } from '$lib/queries/datasets';
import { NO_FILTERS } from '$lib/queries/filters';
import { seriesQuery, type SeriesPoint } from '$lib/queries/observations';
import { CATALOGUE, engineWith, readDataDir } from './engine';

describe('the shipped data folder', async () => {
  const { files } = await readDataDir('data');
  const db = await engineWith(files);

  it('lists the 7 agreements of 2016–2020, uncertain dates kept uncertain', async () => {
    const rows = await db.query<Agreement>(agreementsQuery({ ...NO_FILTERS, from: 2016, to: 2020 }));
    expect(rows).toHaveLength(7);
    const louisiana = rows.find((r) => r.partner.includes('Louisiane'));
    expect(louisiana).toMatchObject({
      signed: '2016/2020',
      signed_granularity: 'interval',
      signed_start: '2016-01-01',
      signed_end: '2020-12-31'
    });
    const cuba = rows.find((r) => r.partner.includes('Cuba'));
    expect(cuba).toMatchObject({ signed_granularity: 'month' });
    expect(
      rows
        .filter((r) => r.cites_2005_convention)
        .map((r) => r.partner_country)
        .sort()
    ).toEqual(['BEL', 'ESP', 'GBR']);
  });

  it('derives new commitments per year from the agreements, never inventing a year', async () => {
    const rows = await db.query<SeriesPoint>(seriesQuery(['ententes_nouvelles'], NO_FILTERS));
    expect(rows.map((r) => [r.period, r.value])).toEqual([
      ['2012/2015', 8],
      ['2016', 2],
      ['2016/2020', 2],
      ['2017', 1],
      ['2018', 1],
      ['2020', 1]
    ]);
  });

  it('has the offices abroad as real figures: 32, 33, 35', async () => {
    const rows = await db.query<SeriesPoint>(seriesQuery(['bureaux_etranger'], NO_FILTERS));
    expect(rows.map((r) => [r.period, r.value, r.sample])).toEqual([
      ['2019-02', 32, false],
      ['2020-02', 33, false],
      ['2024', 35, false]
    ]);
  });

  it('summarises every dataset with its rows and whether it is sample', async () => {
    const rows = await db.query<DatasetSummary>(datasetSummaryQuery());
    const sample = rows.find((r) => r.dataset === 'observations/sample.csv');
    expect(sample).toMatchObject({ kind: 'observations', first: '2014-04-01', last: '2026-03-31' });
    expect(sample?.sample_rows).toBe(sample?.rows);
    expect(rows.find((r) => r.dataset === 'agreements.csv')).toMatchObject({ rows: 7, sample_rows: 0 });
  });
});

describe('loading', () => {
  it("refuses a ragged file with its name (never the engine's copy's), and leaves what was loaded as it was", async () => {
    const good = 'indicator_id,period,value\ntours,2019,4\n';
    const db = await engineWith([{ name: 'observations/good.csv', kind: 'observations', text: good }]);
    const { loadDatasets } = await import('$lib/engine/load');
    const bad = 'indicator_id,period,value\ntours,2020,5\ntours,2021\n';
    const refused = await loadDatasets(db, [{ name: 'observations/bad.csv', kind: 'observations', text: bad }]).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.message : String(err))
    );
    expect(refused).toMatch(/^observations\/bad\.csv: /);
    expect(refused).not.toMatch(/vigie_\d/); // the statement it quotes names the file too
    const rows = await db.query<SeriesPoint>(seriesQuery(['tours'], NO_FILTERS));
    expect(rows.map((r) => [r.period, r.value])).toEqual([['2019', 4]]);
  });

  it('deletes nothing on a first load; a file loaded again replaces its rows, and so does a second copy in one load', async () => {
    const engine = await connectNode();
    const asked: string[] = [];
    const db = new Coordinator({ ...engine, query: (q) => (asked.push(q.sql), engine.query(q)) });
    const file = (text: string) => ({ name: 'observations/tours.csv', kind: 'observations', text }) as const;
    const tours = async () => (await db.query<SeriesPoint>(seriesQuery(['tours'], NO_FILTERS))).map((r) => [r.period, r.value]);
    const rowsOf = async () => (await db.query<DatasetSummary>(datasetSummaryQuery())).map((d) => [d.dataset, d.rows]);

    await loadDatasets(db, [CATALOGUE, file('indicator_id,period,value\ntours,2019,4\n')]);
    expect(asked.filter((sql) => sql.startsWith('DELETE'))).toEqual([]);
    expect(await tours()).toEqual([['2019', 4]]);

    await loadDatasets(db, [file('indicator_id,period,value\ntours,2019,9\ntours,2020,11\n')]);
    expect(await tours()).toEqual([
      ['2019', 9],
      ['2020', 11]
    ]);
    await loadDatasets(db, [
      { ...file('indicator_id,period,value\ntours,2021,1\n'), name: 'observations/new.csv' },
      { ...file('indicator_id,period,value\ntours,2022,2\n'), name: 'observations/new.csv' }
    ]);
    expect(await tours()).toEqual([
      ['2019', 9],
      ['2020', 11],
      ['2022', 2]
    ]);
    expect(await rowsOf()).toEqual([
      ['indicators.csv', 4],
      ['observations/new.csv', 1],
      ['observations/tours.csv', 2]
    ]);
  });

  it('reads cells padded with spaces or no-break spaces as their text, and blank cells as empty', async () => {
    const text =
      'indicator_id,period,value,region,discipline\n' +
      ' tours ,2019,4,\u00a0Europe\u202f,Musique\n' +
      'tours, 2019 ,6,Amérique latine ,\u00a0\n' +
      'tours,2019,1,Europe,  \n';
    const db = await engineWith([{ name: 'observations/padded.csv', kind: 'observations', text }]);
    const rows = await db.query<{ indicator_id: string; period: string; region: string; discipline: string | null }>({
      sql: 'SELECT indicator_id, period, region, discipline FROM observation_rows ORDER BY line'
    });
    expect(rows).toEqual([
      { indicator_id: 'tours', period: '2019', region: 'Europe', discipline: 'Musique' },
      { indicator_id: 'tours', period: '2019', region: 'Amérique latine', discipline: null },
      { indicator_id: 'tours', period: '2019', region: 'Europe', discipline: null }
    ]);
    const europe = await db.query<SeriesPoint>(seriesQuery(['tours'], { ...NO_FILTERS, region: 'Europe' }));
    expect(europe.map((r) => [r.period, r.value])).toEqual([['2019', 5]]);
  });

  it('keeps the earlier version of a file when loading its new version fails after the reader took it', async () => {
    // The rebuild of the typed tables fails (as when the engine runs out of memory) on the second load.
    const engine = await connectNode();
    let failRebuild = false;
    const failing: Connector = {
      ...engine,
      query: (q) =>
        failRebuild && q.sql.startsWith('CREATE OR REPLACE TABLE observation_periods AS')
          ? Promise.reject(new Error('Out of Memory Error: failed to allocate'))
          : engine.query(q)
    };
    const db = new Coordinator(failing);
    const v1 = 'indicator_id,period,value\ntours,2019,4\n';
    const v2 = 'indicator_id,period,value\ntours,2019,9\ntours,2020,11\n';
    await loadDatasets(db, [CATALOGUE, { name: 'observations/tours.csv', kind: 'observations', text: v1 }]);
    failRebuild = true;
    await expect(loadDatasets(db, [{ name: 'observations/tours.csv', kind: 'observations', text: v2 }])).rejects.toThrow(
      /Out of Memory/
    );
    failRebuild = false;
    const tours = async () => (await db.query<SeriesPoint>(seriesQuery(['tours'], NO_FILTERS))).map((r) => [r.period, r.value]);
    expect(await tours()).toEqual([['2019', 4]]);
    // The earlier version is still loaded, not only its derived figures: the next load keeps it.
    await loadDatasets(db, [
      { name: 'observations/other.csv', kind: 'observations', text: 'indicator_id,period,value\nmoney,2019,1\n' }
    ]);
    expect(await tours()).toEqual([['2019', 4]]);
    const summary = await db.query<DatasetSummary>(datasetSummaryQuery());
    expect(summary.find((d) => d.dataset === 'observations/tours.csv')?.rows).toBe(1);
  });

  it('keeps the loaded rows compressed once loaded (a few bytes a row, not the text twice over)', async () => {
    const regions = ['Europe', 'Asie', 'Amériques', 'Afrique'];
    const lines = Array.from(
      { length: 60_000 },
      (_, i) => `tours,${2000 + (i % 24)}-Q${1 + (i % 4)},${i % 97},${regions[i % 4]},FRA,Musique,,,Rapport`
    );
    const text = `indicator_id,period,value,region,country,discipline,program,note,source\n${lines.join('\n')}\n`;
    const db = await engineWith([{ name: 'observations/big.csv', kind: 'observations', text }]);
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM observations' });
    expect(n).toBe(60_000);
    const [{ bytes } = { bytes: Infinity }] = await db.query<{ bytes: number }>({
      sql: "SELECT CAST(memory_usage_bytes AS DOUBLE) AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'"
    });
    // Uncompressed, the raw and typed copies of these rows took 29 MB (480 bytes a row); compressed 4 MB.
    expect(bytes / n).toBeLessThan(100);
  });

  it("holds a file's name once, not on each of its rows while they wait to be compressed", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `tours,${2000 + (i % 24)},${i % 97},Europe,FRA`);
    const text = `indicator_id,period,value,region,country\n${lines.join('\n')}\n`;
    /** The table's memory with these rows loaded under `name`, as held before a checkpoint compresses them. */
    const uncompressed = async (name: string) => {
      const conn = await connectNode();
      // Checkpoints skipped: the rows stay as inserted, which is the engine's peak while it loads.
      const db = new Coordinator({
        ...conn,
        query: (q) => (q.sql.startsWith('CHECKPOINT') ? Promise.resolve([]) : conn.query(q))
      });
      await loadDatasets(db, [CATALOGUE, { name, kind: 'observations', text }]);
      const [{ bytes } = { bytes: 0 }] = await db.query<{ bytes: number }>({
        sql: "SELECT CAST(memory_usage_bytes AS DOUBLE) AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'"
      });
      return bytes;
    };
    const short = await uncompressed('observations/a.csv');
    const long = await uncompressed(`observations/${'tournées-soutenues-par-région-'.repeat(6)}2024-2025.csv`);
    // With the name on each row, the long one took 200 bytes more a row (4 MB here).
    expect(long - short).toBeLessThan(20_000 * 8);
  });
});
