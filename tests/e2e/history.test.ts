import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser, visit } from './setup/browser';

// Historique at a laptop's width: its columns were fixed at 72rem out of 74, which left the file's
// name about 2rem, written a few letters to a line ("in / di / c / at / o / rs / .c / s / v"), and
// the "Fichier" and "Lignes" headings run together.

const { newPage } = useBrowser();

/** Each file cell's text and the number of lines it takes; each heading's overflow (text wider than its cell). */
function layout(page: Page) {
  return page.evaluate(() => {
    const linesOf = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const files = [...document.querySelectorAll('section.dataset td.file')].map((td) => ({
      text: td.textContent?.trim() ?? '',
      lines: linesOf(td)
    }));
    const headings = [...document.querySelectorAll('section.dataset thead th')].map((th) => ({
      text: th.textContent?.trim() ?? '',
      overflow: th.scrollWidth - th.clientWidth
    }));
    return { files, headings };
  });
}

describe('Historique', () => {
  for (const width of [1280, 1366]) {
    it(`writes each file's name on one line and every heading within its column at ${width} px`, async () => {
      const { page, errors } = await newPage({ viewport: { width, height: 900 } });
      await visit(page, '/historique');
      const { files, headings } = await layout(page);
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const f of files) expect(f.lines, f.text).toBe(1);
      expect(headings.length).toBeGreaterThan(0);
      for (const h of headings) expect(h.overflow, h.text).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    });
  }
});
