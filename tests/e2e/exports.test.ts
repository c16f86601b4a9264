import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, runAxe, settled, useBrowser, visit } from './setup/browser';

const { baseUrl, newPage } = useBrowser();

const TOURING = "Tournées et soutien à l'exportation";
const BOM = [0xef, 0xbb, 0xbf];

/** The export menu's button of a chart, found by its accessible name as a screen reader announces it. */
const menuButton = (page: Page, title: string, lang: 'fr' | 'en' = 'fr') =>
  page.getByRole('button', { name: lang === 'fr' ? `Exporter : ${title}` : `Export: ${title}`, exact: true });

/** Opens the menu from the keyboard, picks a size, then downloads one format; returns the file. */
async function download(page: Page, button: Locator, format: string, size?: string) {
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await menu.waitFor();
  if (size) await menu.getByRole('menuitemradio', { name: size, exact: true }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: format, exact: true }).click()
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

function pngInfo(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(Array.from(bytes.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const at = Buffer.from(bytes).indexOf('pHYs');
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    dpi: at > 0 ? Math.round(view.getUint32(at + 4) * 0.0254) : null
  };
}

/** Decodes a PNG in the page and measures what is drawn: share of non-white pixels, distinct colours. */
async function inkOf(page: Page, bytes: Uint8Array) {
  const url = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    let blue = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r < 245 || g < 245 || b < 245) ink++;
      if (Math.abs(r - 0x00) < 10 && Math.abs(g - 0x72) < 10 && Math.abs(b - 0xb2) < 10) blue++; // the bars' Okabe–Ito blue
      colours.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
    }
    const samples = data.length / (4 * 7);
    return { ink: ink / samples, blue: blue / samples, colours: colours.size };
  }, url);
}

describe('chart exports', () => {
  it('opens a labelled menu from the keyboard; arrows move, Escape closes and gives focus back', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/');
    const button = menuButton(page, TOURING);
    await expect(button.getAttribute('aria-haspopup')).resolves.toBe('menu');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');

    // Reached with Tab like any control, not only by a pointer.
    await page.locator('article[data-axis="tournees"] h2').click();
    let tabs = 0;
    while (!(await button.evaluate((b) => b === document.activeElement)) && tabs++ < 20) await page.keyboard.press('Tab');
    expect(tabs).toBeLessThan(20);

    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: `Exporter : ${TOURING}` });
    await menu.waitFor();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await expect(focused()).resolves.toBe("●Taille à l'écran");
    await expect(menu.getByRole('menuitemradio').count()).resolves.toBe(4);
    await expect(menu.getByRole('menuitem').allTextContents()).resolves.toEqual([
      'Image PNG (2×)',
      'Image PNG (3×)',
      'Image vectorielle SVG',
      'Données CSV',
      'Document Word (.docx)',
      'Présentation PowerPoint (.pptx)',
      "Copier l'image"
    ]);
    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe('Page Word (16 cm)');
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('menuitemradio', { name: 'Page Word (16 cm)' }).getAttribute('aria-checked')).resolves.toBe(
      'true'
    );
    await page.keyboard.press('End');
    await expect(focused()).resolves.toBe("Copier l'image");
    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe("Taille à l'écran"); // wrapped to the first item, no longer checked

    const violations = await runAxe(page);
    expect(violations, `axe, menu open:\n${describeViolations(violations)}`).toHaveLength(0);

    await page.keyboard.press('Escape');
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(button.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(errors).toEqual([]);
  });

  it('downloads PNGs at 2× and 3× for each size, laid out anew at that size, never blank', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    const button = menuButton(page, TOURING);
    const screenWidth = await page.locator('article[data-axis="tournees"] figure').evaluate((f) => f.clientWidth);
    const sizes = [
      { size: "Taille à l'écran", width: screenWidth, height: null, suffix: '' },
      { size: 'Page Word (16 cm)', width: 605, height: 378, suffix: '-word' },
      { size: 'Diapositive 16:9 entière', width: 1280, height: 720, suffix: '-diapo' },
      { size: 'Demi-diapositive 16:9', width: 640, height: 540, suffix: '-demi-diapo' }
    ];
    const measured: string[] = [];
    for (const s of sizes) {
      for (const density of [2, 3]) {
        const file = await download(page, button, `Image PNG (${density}×)`, s.size);
        expect(file.name).toBe(`vigie-tournees-2014-2026${s.suffix}${density === 3 ? '-3x' : ''}-fr.png`);
        const info = pngInfo(file.bytes);
        expect(info.width, `${s.size} ${density}×`).toBe(s.width * density);
        if (s.height) expect(info.height, `${s.size} ${density}×`).toBe(s.height * density);
        else expect(info.height).toBeGreaterThan(300 * density);
        expect(info.dpi).toBe(96 * density); // Word and PowerPoint insert it at its size in centimetres
        const ink = await inkOf(page, file.bytes);
        expect(ink.ink, 'something is drawn').toBeGreaterThan(0.08);
        expect(ink.blue, 'the bars are drawn').toBeGreaterThan(0.03);
        expect(ink.colours, 'text, bars, target and badge').toBeGreaterThan(20);
        measured.push(`${s.size} ${density}×: ${info.width}×${info.height}`);
      }
    }
    console.info(`PNG sizes:\n  ${measured.join('\n  ')}`);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('downloads a standalone SVG in the interface language, with title, filters, source and date', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/?lang=en&de=2016');
    const file = await download(
      page,
      menuButton(page, 'Touring and export support', 'en'),
      'SVG vector image',
      'Full 16:9 slide'
    );
    expect(file.name).toMatch(/^vigie-tournees-2016-20\d\d-slide-en\.svg$/);
    const text = new TextDecoder().decode(file.bytes);
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const error = doc.querySelector('parsererror')?.textContent ?? null;
      const root = doc.documentElement;
      const external: string[] = [];
      for (const el of [root, ...root.querySelectorAll('*')]) {
        for (const attr of el.attributes) {
          if (/href$/.test(attr.name) && !attr.value.startsWith('#')) external.push(`${el.tagName} ${attr.name}=${attr.value}`);
          for (const m of attr.value.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!/^(#|data:)/.test(m[1]!)) external.push(m[1]!);
        }
        if (['image', 'foreignObject', 'script', 'use'].includes(el.tagName)) external.push(el.tagName);
      }
      const css = [...root.querySelectorAll('style')].map((s) => s.textContent).join('');
      for (const m of css.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!m[1]!.startsWith('data:')) external.push(m[1]!);
      return {
        error,
        tag: root.tagName,
        size: [root.getAttribute('width'), root.getAttribute('height')],
        title: root.querySelector('title')?.textContent,
        texts: [...root.querySelectorAll('text')].map((t) => t.textContent).join(' | '),
        external,
        font: css.includes('data:font/woff2;base64,')
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.tag).toBe('svg');
    expect(parsed.size).toEqual(['1280', '720']);
    expect(parsed.title).toBe('Touring and export support');
    expect(parsed.external).toEqual([]);
    expect(parsed.font).toBe(true);
    // Styles are attributes, not the page's classes; colours and offsets in forms every importer reads.
    expect(text).not.toMatch(/ class="|rgba?\(|dy="[\d.]+em"/);
    // Laid out at half the slide's size and drawn twice as large: 11 px ticks read as 22 px.
    expect(text).toContain('width="1280" height="720" viewBox="0 0 640 360"');
    expect(text).toMatch(/<text [^>]*font-size="11"[^>]*>2020<\/text>/);
    for (const words of [
      'Tours abroad supported — Count',
      'Filters: Period: from 2016',
      'Source: Sample data',
      'Sample data',
      'exported on',
      '2016'
    ]) {
      expect(parsed.texts).toContain(words);
    }
    // It also opens as an image, at its size.
    const natural = await page.evaluate(async (svg) => {
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, text);
    expect(natural).toEqual([1280, 720]);
    expect(errors).toEqual([]);
  });

  it('downloads a CSV of exactly the table drawn under the active filters, with BOM and French Excel dialect', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/?region=Europe&de=2016');
    const panel = page.locator('article[data-axis="tournees"]');
    const file = await download(page, menuButton(page, TOURING), 'Données CSV');
    expect(file.name).toMatch(/^vigie-tournees-europe-2016-20\d\d-fr\.csv$/);
    expect(Array.from(file.bytes.slice(0, 3))).toEqual(BOM);
    const text = new TextDecoder().decode(file.bytes.slice(3));
    const csv = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data[0]).toEqual(['Période', 'Début', 'Fin', 'Valeur (Nombre)', "Données d'exemple", 'Source']);

    await panel.getByText('Tableau des données').click();
    const table = await panel
      .locator('table tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const rows = csv.data.slice(1);
    expect(rows.map((r) => r[0])).toEqual(table.map((r) => r[0]));
    const shown = (cell: string) => Number(cell.replace(/[\s\u00a0\u202f$%]/g, '').replace(',', '.'));
    expect(rows.map((r) => Math.round(Number(r[3]!.replace(',', '.')) * 10) / 10)).toEqual(table.map((r) => shown(r[1]!)));
    expect(rows.every((r) => Number(r[1]!.slice(0, 4)) >= 2016)).toBe(true);
    expect(rows.every((r) => r[4] === 'Oui')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('copies the image to the clipboard as a PNG', async () => {
    const { page, context, errors } = await newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await visit(page, '/');
    await settled(page);
    const button = menuButton(page, TOURING);
    await button.click();
    await page.getByRole('menuitem', { name: "Copier l'image" }).click();
    await expect
      .poll(() => page.locator('article[data-axis="tournees"] [role="status"]').textContent(), { timeout: 20_000 })
      .toBe('Image copiée dans le presse-papiers.');
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      const bitmap = await createImageBitmap(blob);
      return { types: item!.types, width: bitmap.width, height: bitmap.height };
    });
    expect(copied.types).toContain('image/png');
    const screenWidth = await page.locator('article[data-axis="tournees"] figure').evaluate((f) => f.clientWidth);
    expect(copied.width).toBe(screenWidth * 2);
    expect(copied.height).toBeGreaterThan(600);
    expect(errors).toEqual([]);
  });
});
