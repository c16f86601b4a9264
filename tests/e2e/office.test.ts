import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { all, chartSeries, partsLike, styled, tableCells, textsOf, unzip, xmlPart } from '../unit/export/ooxml';
import { settled, useBrowser, visit } from './setup/browser';

// Word and PowerPoint as a manager gets them: through the real buttons, then opened as zips and read by
// LibreOffice (Debian's), which must lay them out into the pages and slides the page promised.

const { baseUrl, newPage } = useBrowser();
const dir = mkdtempSync(join(tmpdir(), 'vigie-office-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text made plain: runs of white space (non-breaking ones too) as one space. */
const plain = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Clicks a button that downloads a file; returns where it was saved. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/**
 * Converts files to PDF with LibreOffice, as a manager opening them would see them laid out, and reads
 * each back: its page count, page size in points, and text. One LibreOffice for all, with its own profile.
 */
function throughLibreOffice(files: string[]) {
  const out = mkdtempSync(join(dir, 'pdf-'));
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files],
    { stdio: 'pipe', timeout: 300_000 }
  );
  return files.map((f) => {
    const pdf = join(out, basename(f).replace(/\.\w+$/, '.pdf'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const size = info
      .match(/^Page size:\s+([\d.]+) x ([\d.]+)/m)!
      .slice(1)
      .map((n) => Math.round(Number(n)));
    return {
      pages: Number(info.match(/^Pages:\s+(\d+)/m)?.[1]),
      size,
      text: plain(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }))
    };
  });
}

/** A French number as the page writes it (`1 533`, `14 200 000 $`, `54,9 %`), or null for « non disponible ». */
const frenchNumber = (s: string) => (/\d/.test(s) ? Number(s.replace(/[^\d,-]/g, '').replace(',', '.')) : null);

/** What the report page shows of each panel: heading, highlights, table (header and rows). */
async function reportPanels(page: Page) {
  return page.locator('section.rpanel').evaluateAll((sections) =>
    sections.map((s) => {
      const text = (e: Element | null) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        heading: text(s.querySelector('h2')),
        description: text(s.querySelector('figure p.sr-only')),
        highlights: [...s.querySelectorAll('.highlights li')].map(text),
        /** The target's label as the chart writes it (« Cible 2025-2026 : 420 »), if it draws one. */
        target: text(s.querySelector('figure .target text')),
        header: [...s.querySelectorAll('table thead th')].map(text),
        rows: [...s.querySelectorAll('table tbody tr')].map((r) => [...r.querySelectorAll('th, td')].map(text))
      };
    })
  );
}

/** Opens a chart's Exporter menu and picks a format; returns the downloaded file. */
async function exported(page: Page, title: string, format: string): Promise<string> {
  const button: Locator = page.getByRole('button', { name: `Exporter : ${title}`, exact: true });
  await button.click();
  const menu = page.getByRole('menu');
  await menu.waitFor();
  return downloaded(page, () => menu.getByRole('menuitem', { name: format, exact: true }).click());
}

describe('Rapport → Word', () => {
  it('writes the report page as Word, Letter and A4: headings, highlights, the page’s tables, charts with alt text', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/rapport');
    await settled(page);
    const panels = await reportPanels(page);
    expect(panels).toHaveLength(8);

    const letter = await downloaded(page, () => page.getByRole('button', { name: 'Word (.docx)' }).click());
    expect(basename(letter)).toMatch(/^vigie-rapport-\d{4}-\d{4}-lettre-fr\.docx$/);
    await page.getByLabel('Format du papier (Word)').selectOption('a4');
    const a4 = await downloaded(page, () => page.getByRole('button', { name: 'Word (.docx)' }).click());
    await expect(page.getByRole('status').filter({ hasText: 'Fichier enregistré' }).textContent()).resolves.toContain(
      basename(a4)
    );

    const zip = await unzip(readFileSync(letter));
    const doc = await xmlPart(zip, 'word/document.xml');
    expect(styled(doc, 'Title')).toEqual(['Rapport des indicateurs culturels']);
    expect(styled(doc, 'Heading1').map(plain)).toEqual(panels.map((p) => p.heading));
    expect(all(doc, 'w:instrText').some((i) => i.textContent?.startsWith('TOC'))).toBe(true);
    // The highlights, as bullets, word for word as the page says them.
    const bullets = all(doc, 'w:p')
      .filter((p) => all(p, 'w:numPr').length)
      .map((p) =>
        plain(
          all(p, 'w:t')
            .map((t) => t.textContent)
            .join('')
        )
      );
    expect(bullets).toEqual(panels.flatMap((p) => p.highlights));
    // Each panel's data table is a Word table holding exactly the page's cells.
    const tables = all(doc, 'w:tbl')
      .filter((t) => t.parentNode?.nodeName === 'w:body')
      .map((t) => tableCells(t).map((r) => r.map(plain)));
    const data = tables.filter((t) => t[0]?.[0] === 'Période');
    expect(data).toEqual(panels.map((p) => [p.header, ...p.rows]));
    // Every chart a picture whose alternative text is what the page tells a screen reader of it, at print
    // density (16 cm at 288 dpi).
    const pictures = all(doc, 'wp:docPr').map((p) => plain(p.getAttribute('descr') ?? ''));
    expect(pictures).toEqual(panels.map((p) => p.description));
    expect(pictures[0]).toMatch(
      /^Tournées et soutien à l'exportation, de 2014-2015 à 2025-2026\. Dernière valeur : 397 \(2025-2026\)\.$/
    );
    const png = await zip.file(partsLike(zip, /^word\/media\/.+\.png$/)[0]!)!.async('uint8array');
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(605 * 3);

    // LibreOffice lays it out: a cover, then one page per indicator, on the paper chosen.
    const [onLetter, onA4] = throughLibreOffice([letter, a4]);
    for (const [pdf, size] of [
      [onLetter!, [612, 792]],
      [onA4!, [595, 842]]
    ] as const) {
      expect(pdf.size).toEqual(size);
      expect(pdf.pages).toBe(1 + panels.length);
      for (const p of panels) expect(pdf.text).toContain(p.heading);
      expect(pdf.text).toContain(panels[0]!.highlights[1]);
    }
    expect(errors).toEqual([]);
  }, 300_000);
});

describe('Rapport → PowerPoint', () => {
  it('writes a cover and a slide per indicator, each chart native with the series, target and projection the page draws', async () => {
    const { page, errors } = await newPage();
    await visit(
      page,
      '/rapport?indicateurs=tournees_soutenues,aide_exportation,taux_autofinancement,bureaux_etranger,projets_francophonie'
    );
    await settled(page);
    const panels = await reportPanels(page);
    expect(panels).toHaveLength(5);
    const file = await downloaded(page, () => page.getByRole('button', { name: 'PowerPoint (.pptx)' }).click());
    const zip = await unzip(readFileSync(file));
    expect(partsLike(zip, /^ppt\/slides\/slide\d+\.xml$/)).toHaveLength(6);
    const presentation = await xmlPart(zip, 'ppt/presentation.xml');
    const size = all(presentation, 'p:sldSz')[0]!;
    expect(Number(size.getAttribute('cx')) / Number(size.getAttribute('cy'))).toBeCloseTo(16 / 9, 2);

    const charts = partsLike(zip, /^ppt\/charts\/chart\d+\.xml$/);
    expect(charts).toHaveLength(5);
    let projections = 0;
    for (const [i, p] of panels.entries()) {
      const [series, ...lines] = chartSeries(await xmlPart(zip, charts[i]!));
      // The chart's data is the page's table: its periods, and its values (missing ones absent, not zero).
      const n = p.rows.length;
      expect(series!.categories.slice(0, n)).toEqual(p.rows.map((r) => r[0]));
      expect(series!.values).toEqual([...p.rows.map((r) => frenchNumber(r[1]!)), ...series!.categories.slice(n).map(() => null)]);
      // The target the page draws, at its value in every period; none where the page draws none.
      const target = lines.filter((l) => l.name !== 'Projection');
      expect(target.map((l) => plain(l.name))).toEqual(p.target ? [plain(p.target)] : []);
      if (p.target) expect(new Set(target[0]!.values)).toEqual(new Set([frenchNumber(p.target.split(':').at(-1)!)]));
      // The projection where the page draws and says one: from the last value to the target period, where
      // it is the value the highlights give.
      const said = p.highlights.find((h) => h.startsWith('À ce rythme'));
      const projection = lines.find((l) => l.name === 'Projection');
      expect(Boolean(projection), p.heading).toBe(Boolean(said));
      if (projection && said) {
        projections++;
        expect(projection.values.slice(0, n)).toEqual([...Array(n - 1).fill(null), frenchNumber(p.rows.at(-1)![1]!)]);
        const [, goal, value] = /la cible de [\d\s]+ ne serait pas atteinte en (\d{4}-\d{4}) \(projection : ([\d\s]+),/.exec(
          plain(said)
        )!;
        expect(series!.categories.at(-1)).toBe(goal);
        expect(Math.round(projection.values.at(-1)!)).toBe(frenchNumber(value!));
      }
      const slide = await xmlPart(zip, `ppt/slides/slide${i + 2}.xml`);
      const texts = textsOf(slide, 'a:p').map(plain);
      expect(texts[0]).toBe(p.heading);
      expect(texts).toEqual(expect.arrayContaining(p.highlights));
      const alt = all(slide, 'p:cNvPr').map((c) => plain(c.getAttribute('descr') ?? ''));
      expect(alt).toContain(`${p.heading.replace(/^\d+\. /, '')} — ${p.description}`);
    }
    expect(projections).toBe(1);
    // Flows are bars, levels (the offices abroad) a line.
    const kinds = await Promise.all(
      charts.map(async (c) => ((await zip.file(c)!.async('string')).includes('<c:barChart>') ? 'bar' : 'line'))
    );
    expect(kinds).toEqual(['bar', 'bar', 'bar', 'line', 'bar']);

    const [pdf] = throughLibreOffice([file]);
    expect(pdf!.pages).toBe(6);
    expect(pdf!.size).toEqual([960, 540]);
    for (const p of panels) expect(pdf!.text).toContain(p.heading);
    expect(errors).toEqual([]);
  }, 300_000);
});

describe('a chart’s Exporter menu', () => {
  it('offers Word and PowerPoint for that chart alone', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/indicateurs/tournees_soutenues?par=region');
    await settled(page);
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    // The column headings without their sort arrows.
    const header = (await page.locator('table thead th').allTextContents()).map((h) => plain(h.replace(/[↕↑↓]/g, '')));
    const rows = await page
      .locator('table tbody tr')
      .evaluateAll((trs) =>
        trs.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()))
      );
    const highlights = (await page.locator('.highlights li').allTextContents()).map(plain);
    expect(highlights.some((h) => h.startsWith('Par région'))).toBe(true);

    const pptx = await exported(page, title!, 'Présentation PowerPoint (.pptx)');
    const zip = await unzip(readFileSync(pptx));
    expect(partsLike(zip, /^ppt\/slides\/slide\d+\.xml$/)).toHaveLength(1);
    const drawn = chartSeries(await xmlPart(zip, partsLike(zip, /^ppt\/charts\/chart\d+\.xml$/)[0]!));
    const series = drawn.slice(0, header.length - 1);
    // Stacked by region, one series a region, as the page's legend and table; then the target the page draws.
    expect(series.map((s) => s.name)).toEqual(header.slice(1));
    expect(series.map((s) => s.values)).toEqual(header.slice(1).map((_, j) => rows.map((r) => frenchNumber(r[j + 1]!))));
    const target = plain((await page.locator('figure .target text').first().textContent()) ?? '');
    expect(drawn.slice(header.length - 1).map((s) => plain(s.name))).toEqual([target]);
    expect(
      (await zip.file(partsLike(zip, /^ppt\/charts\/chart\d+\.xml$/)[0]!)!.async('string')).includes(
        '<c:grouping val="stacked"/>'
      )
    ).toBe(true);
    expect(textsOf(await xmlPart(zip, 'ppt/slides/slide1.xml'), 'a:p').map(plain)).toEqual(expect.arrayContaining(highlights));

    const docx = await exported(page, title!, 'Document Word (.docx)');
    const doc = await xmlPart(await unzip(readFileSync(docx)), 'word/document.xml');
    expect(styled(doc, 'Heading1')).toEqual([title]);
    const table = all(doc, 'w:tbl').map((t) => tableCells(t).map((r) => r.map(plain)));
    expect(table).toEqual([[header, ...rows]]);
    expect(all(doc, 'wp:docPr')[0]!.getAttribute('descr')).toContain('Dernière valeur');
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the highlights under a chart', () => {
  it('copy word for word from a button named after its chart, and say so to a screen reader', async () => {
    const { page, context, errors } = await newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await visit(page, '/indicateurs/services_bureaux?par=aucune');
    await settled(page);
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    const highlights = page.locator('.highlights');
    const said = await highlights.locator('li').allTextContents();
    // The target is ahead (2027-2028): the projection is drawn and said.
    // Numbers are grouped by a non-breaking space (fr-CA): compared made plain.
    expect(said.some((s) => plain(s).startsWith('À ce rythme, la cible de 1 100'))).toBe(true);
    await expect(page.locator('figure .projection').count()).resolves.toBe(1);
    // What a screen reader reads: a heading, then a list of exactly those sentences, then the copy button.
    const tree = await highlights.ariaSnapshot();
    expect(tree.split('\n')[0]).toMatch(/^- heading "Faits saillants" \[level=\d\]$/);
    await expect(highlights.getByRole('list').getByRole('listitem').allTextContents()).resolves.toEqual(said);
    // Its name starts with what it shows (WCAG 2.5.3), then names the chart.
    await highlights.getByRole('button', { name: `Copier le texte des faits saillants : ${title}`, exact: true }).click();
    await expect.poll(() => highlights.locator('[aria-live="polite"]').textContent()).toBe('Texte copié dans le presse-papiers.');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(said.join('\n'));
    expect(errors).toEqual([]);
  });
});
