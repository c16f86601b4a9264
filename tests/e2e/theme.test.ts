import { describe, expect, it } from 'vitest';
import { useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

describe("Québec's signature follows the theme", () => {
  for (const [scheme, file] of [
    ['light', 'QUEBEC_couleur'],
    ['dark', 'QUEBEC_blanc']
  ] as const) {
    it(`shows one signature in the footer and on the report's cover, ${file} on the ${scheme} theme`, async () => {
      const { page, errors } = await newPage({ colorScheme: scheme });
      for (const [path, where] of [
        ['/', '.qc-piv-footer'],
        ['/rapport', '.paper']
      ] as const) {
        await visit(page, path);
        // The signatures a person sees: laid out (not display: none) and inside the window's width.
        const shown = await page
          .locator(`${where} img[src*="QUEBEC_"]`)
          .evaluateAll((imgs) =>
            imgs
              .filter((i) => getComputedStyle(i).display !== 'none' && i.getBoundingClientRect().height > 0)
              .map((i) => i.getAttribute('src'))
          );
        expect(shown, `${path} (${where})`).toHaveLength(1);
        expect(shown[0], `${path} (${where})`).toContain(file);
      }
      expect(errors).toEqual([]);
    });
  }
});
