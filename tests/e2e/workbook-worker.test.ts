import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

const workers = new URL(`../../${process.env.VIGIE_BUILD_DIR ?? 'build'}/client/_app/immutable/workers/`, import.meta.url);
const fixture = (name: string) => [...readFileSync(new URL(`../fixtures/${name}`, import.meta.url))];

/** What the built parsing worker answers to one request, and the scripts it fetched meanwhile. */
interface Reply {
  type: string;
  code?: string;
  sheet?: string;
  header?: string[];
  errors?: { cell: string; text: string }[];
  csv?: string;
  rowNumbers?: number[];
}

describe('Parsing worker, built, in Chromium', () => {
  it('reads a workbook sheet as CSV, fetching SheetJS only for a workbook, and refuses a corrupt one by its code', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/importer');
    const worker = readdirSync(workers).find((f) => f.startsWith('parse.worker'));
    expect(worker).toBeDefined();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });

    const ask = (request: { type: string; bytes: number[]; sheet?: string; overrides?: object }) =>
      page.evaluate(
        async ({ url, request }) => {
          const w = new Worker(url, { type: 'module' });
          const file = new Blob([new Uint8Array(request.bytes)]);
          const data = await new Promise<Record<string, unknown>>((resolve) => {
            w.onmessage = (e) => resolve(e.data);
            w.postMessage({ ...request, bytes: undefined, file });
          });
          w.terminate();
          const table = data.table as
            { sheet: string; header: string[]; errors: Reply['errors']; csv: Uint8Array; rowNumbers: Int32Array } | undefined;
          return {
            type: String(data.type),
            code: data.code as string | undefined,
            ...(table && {
              sheet: table.sheet,
              header: table.header,
              errors: table.errors,
              csv: new TextDecoder().decode(table.csv),
              rowNumbers: [...table.rowNumbers]
            })
          } satisfies Reply;
        },
        { url: `/_app/immutable/workers/${worker}`, request }
      );

    // A CSV's detection loads the worker alone.
    const sniffed = await ask({ type: 'sniff', bytes: [...new TextEncoder().encode('a,b\n1,2\n')], overrides: {} });
    expect(sniffed.type).toBe('sniffed');
    const lazy = () => scripts.filter((s) => s.includes('/_app/immutable/workers/') && !s.includes('parse.worker'));
    expect(scripts.filter((s) => s.includes('parse.worker'))).toHaveLength(1);
    expect(lazy()).toEqual([]);

    const read = await ask({ type: 'workbook', bytes: fixture('tournees.xlsx') });
    expect(read).toMatchObject({
      type: 'workbook',
      sheet: 'Tournées',
      header: ['Région', '2019-2020', '2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025']
    });
    expect(read.csv!.split('\r\n')[6]).toBe('Montréal,212,41,97,188,230,244');
    expect(read.errors).toEqual([
      { cell: 'Tournées!C12', text: '#REF!' },
      { cell: 'Tournées!C13', text: '#REF!' }
    ]);
    expect(read.rowNumbers).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
    // Only a workbook fetches the chunk holding SheetJS.
    expect(lazy()).toHaveLength(1);

    const ods = await ask({ type: 'workbook', bytes: fixture('tournees.ods'), sheet: 'Subventions 2024-2025' });
    expect(ods.csv!.split('\r\n')[1]).toBe('Subventions aux tournées,2024-2025,Montréal,1234567.89,45.55,2024-06-14,2024-09');

    const corrupt = fixture('tournees.xlsx').slice(0, 5000);
    await expect(ask({ type: 'workbook', bytes: corrupt })).resolves.toMatchObject({ type: 'error', code: 'unreadable' });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
