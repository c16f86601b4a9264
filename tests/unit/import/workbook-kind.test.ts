import { CFB, read } from '@e965/xlsx';
import { describe, expect, it, vi } from 'vitest';
import { readSheet, WorkbookError, workbookKind, workbookProblem } from '$lib/import/workbook';
import { MAX_IMPORT_BYTES, SNIFF_BYTES } from '$lib/import/limits';
import { withDeclaredSizes, zipDirectory } from '$lib/import/zip';
import { concat, deflated, fixture, xlsxParts, zip } from './workbooks';
import { frenchExcel } from './files';

// SheetJS's read, watched: what bytes it is given.
vi.mock('@e965/xlsx', async (importOriginal) => {
  const xlsx = await importOriginal<typeof import('@e965/xlsx')>();
  return { ...xlsx, read: vi.fn(xlsx.read) };
});

const text = (s: string) => new TextEncoder().encode(s);
/** What readSheet refuses the bytes with (it must never throw anything but a WorkbookError). */
function refusal(bytes: Uint8Array): string {
  try {
    readSheet(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbookError);
    return (err as WorkbookError).code;
  }
  return 'read';
}

describe('Kind of workbook, by its bytes', () => {
  it('tells xlsx, ods and xls from their first bytes, whatever the file is called', () => {
    for (const ext of ['xlsx', 'ods', 'xls'] as const) {
      const bytes = fixture(`tournees.${ext}`);
      expect(workbookKind(bytes.subarray(0, SNIFF_BYTES))).toBe(ext);
      expect(workbookKind(bytes)).toBe(ext);
    }
  });

  it('finds xl/ past entries written with their sizes after the data', () => {
    const sheet = { name: 'xl/worksheets/sheet1.xml', data: deflated(text('<worksheet/>')), method: 8, descriptor: true };
    const bytes = zip([{ ...sheet, name: 'docProps/app.xml' }, sheet]);
    expect(workbookKind(bytes.subarray(0, 60 + 2 * 'docProps/app.xml'.length))).toBe(null); // xl/ not reached yet
    expect(workbookKind(bytes)).toBe('xlsx');
  });

  it('takes a CSV, a Word document, an OpenDocument text and a PDF for what they are not: workbooks', () => {
    expect(workbookKind(frenchExcel)).toBe(null);
    expect(
      workbookKind(
        zip([
          { name: '[Content_Types].xml', data: text('<Types/>') },
          { name: 'word/document.xml', data: text('<w/>') }
        ])
      )
    ).toBe(null);
    expect(workbookKind(zip([{ name: 'mimetype', data: text('application/vnd.oasis.opendocument.text') }]))).toBe(null);
    expect(workbookKind(text('%PDF-1.7\n'))).toBe(null);
    expect(workbookKind(new Uint8Array(0))).toBe(null);
  });
});

describe('Workbooks refused before parsing', () => {
  it('refuses a zip bomb: a small file whose entry inflates a thousand times', () => {
    // 64 MiB of one repeated byte deflates to about 64 KB.
    const bomb = zip(
      xlsxParts({
        name: 'xl/worksheets/sheet1.xml',
        data: deflated(new Uint8Array(64 * 2 ** 20)),
        method: 8,
        declaredSize: 64 * 2 ** 20
      })
    );
    expect(bomb.length).toBeLessThan(100_000);
    expect(workbookProblem(bomb)).toBe('zip_bomb');
    expect(refusal(bomb)).toBe('zip_bomb');
  });

  it('refuses a zip that declares a huge entry, before SheetJS would allocate it', () => {
    const liar = zip(
      xlsxParts({ name: 'xl/worksheets/sheet1.xml', data: deflated(text('<worksheet/>')), method: 8, declaredSize: 0xfffffffe })
    );
    expect(refusal(liar)).toBe('zip_bomb');
  });

  it('refuses entries that share their compressed data, the non-recursive zip bomb', () => {
    const kernel = { name: 'xl/worksheets/sheet1.xml', data: deflated(new Uint8Array(1000)), method: 8, declaredSize: 1000 };
    const overlapping = zip(xlsxParts(kernel), { aliases: 3 });
    expect(zipDirectory(overlapping)).toHaveLength(6);
    expect(workbookProblem(overlapping)).toBe('zip_bomb');
  });

  it('refuses a workbook over the import limit, inflated or not', () => {
    // Incompressible bytes declared 300 MiB once inflated: in proportion (< 100×) but over the limit.
    const noise = Uint8Array.from({ length: 3.2 * 2 ** 20 }, (_, i) => (i * 2654435761) >>> 24);
    const big = zip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', data: noise, declaredSize: 300 * 2 ** 20 }));
    expect(workbookProblem(big)).toBe('too_large');
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1);
    huge.set(fixture('tournees.xls').subarray(0, 8));
    expect(workbookProblem(huge)).toBe('too_large');
  });

  it('refuses a corrupt or truncated workbook as unreadable, never with a crash', () => {
    const good = fixture('tournees.xlsx');
    const truncated = good.subarray(0, good.length / 2);
    const damaged = good.slice();
    // Overwrite the middle of the deflated data: SheetJS meets invalid deflate codes or broken XML.
    for (let i = 2000; i < 6000; i++) damaged[i] = 0xff;
    const xls = fixture('tournees.xls');
    const xlsCut = xls.subarray(0, 1024);
    const cfbGarbage = concat([xls.subarray(0, 8), new Uint8Array(4096).fill(0x42)]);
    const noSheets = zip([
      { name: '[Content_Types].xml', data: text('<Types/>') },
      { name: 'xl/workbook.xml', data: text('<nope') }
    ]);
    for (const bytes of [truncated, damaged, xlsCut, cfbGarbage, noSheets, frenchExcel, new Uint8Array(0)]) {
      expect(refusal(bytes)).toBe('unreadable');
    }
  });

  it('says a password-protected workbook is protected', () => {
    // Excel's « Chiffrer avec mot de passe » writes the zip encrypted inside a compound file, as here.
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array(64));
    CFB.utils.cfb_add(cfb, 'EncryptedPackage', fixture('tournees.xlsx'));
    const protectedBook = new Uint8Array(CFB.write(cfb, { type: 'array' }));
    expect(workbookKind(protectedBook)).toBe('xls');
    expect(refusal(protectedBook)).toBe('encrypted');
  });

  it('gives each entry written with its sizes after the data (LibreOffice) its declared size before SheetJS inflates it', () => {
    const ods = fixture('tournees.ods');
    const entries = zipDirectory(ods)!;
    const content = entries.find((e) => e.name === 'content.xml')!;
    const local = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(content.offset + 22, true);
    expect(content.flags & 0x0008).toBe(0x0008);
    expect(local(ods)).toBe(0); // SheetJS would inflate into a buffer growing without bound
    expect(local(withDeclaredSizes(ods, entries))).toBe(content.size);
    readSheet(ods);
    expect(local(vi.mocked(read).mock.lastCall![0] as Uint8Array)).toBe(content.size); // what SheetJS inflates
    expect(local(ods)).toBe(0); // the file's bytes are left as they were
    expect(withDeclaredSizes(fixture('tournees.xlsx'), zipDirectory(fixture('tournees.xlsx'))!)).toEqual(
      fixture('tournees.xlsx')
    );
  });
});
