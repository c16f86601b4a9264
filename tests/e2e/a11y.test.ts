import { describe, expect, it } from 'vitest';
import { describeViolations, engineStarted, runAxe, settled, useBrowser, visit } from './setup/browser';

const { newPage } = useBrowser();

const PAGES = ['/', '/indicateurs', '/indicateurs/tournees_soutenues', '/ententes', '/donnees', '/?lang=en', '/rapport'];

describe('accessibility (axe-core, WCAG 2.1 A/AA and best practices)', () => {
  for (const path of PAGES) {
    it(`finds no violation on ${path}`, async () => {
      const { page, errors } = await newPage();
      await visit(page, path);
      await engineStarted(page);
      await settled(page);
      const violations = await runAxe(page);
      expect(violations, `axe violations on ${path}:\n${describeViolations(violations)}`).toHaveLength(0);
      expect(errors).toEqual([]);
    });
  }

  it('gives the "not found" page a title and finds no violation on it', async () => {
    const { page } = await newPage();
    const res = await page.goto('/indicateurs/nexiste_pas');
    expect(res?.status()).toBe(404);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await expect(page.getByText('nexiste_pas').first().isVisible()).resolves.toBe(true);
    await expect(page.title(), 'the tab and the screen reader need a page title').resolves.not.toBe('');
    const violations = await runAxe(page);
    expect(violations, `axe violations on the 404 page:\n${describeViolations(violations)}`).toHaveLength(0);
  });
});
