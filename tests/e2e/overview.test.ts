import { describe, expect, it } from 'vitest';
import { engineStarted, settled, useBrowser, visit } from './setup/browser';

const HEADLINES = [
  "Tournées et soutien à l'exportation",
  'Mobilité des artistes et des organismes',
  'Coproductions',
  'Ententes internationales'
];
const SAMPLE = "Données d'exemple";

const { baseUrl, newPage } = useBrowser();

describe("Vue d'ensemble", () => {
  it('is drawn by the server: the HTML without JavaScript holds the charts and their titles', async () => {
    const res = await fetch(`${baseUrl}/`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll('&#39;', "'").replaceAll('&amp;', '&');
    // Time-series charts are application regions (the arrow keys step through them), the others images.
    expect(html.match(/<svg role="(?:img|application)"/g)?.length ?? 0).toBeGreaterThanOrEqual(8);
    for (const title of HEADLINES) expect(html, `title « ${title} »`).toContain(title);
  });

  it('shows the four headline charts in French, each named by its title', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe("Vue d'ensemble");
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    for (const title of HEADLINES) {
      await expect(page.getByRole('heading', { level: 2, name: title, exact: true }).isVisible(), title).resolves.toBe(true);
      const chart = page.getByRole('application', { name: title, exact: true });
      await expect(chart.count(), `chart named « ${title} »`).resolves.toBe(1);
      await expect(chart.isVisible()).resolves.toBe(true);
      await expect(chart.evaluate((svg) => svg.tagName.toLowerCase())).resolves.toBe('svg');
    }
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('marks sample data, and only sample data', async () => {
    const { page } = await newPage();
    await visit(page, '/');
    const touring = page.locator('article[data-axis="tournees"]');
    await expect(touring.getByText(SAMPLE, { exact: true }).isVisible()).resolves.toBe(true);
    const offices = page.locator('article', {
      has: page.getByRole('heading', { name: "Représentations du Québec à l'étranger" })
    });
    await expect(offices.count()).resolves.toBe(1);
    await expect(offices.getByText(SAMPLE).count()).resolves.toBe(0);
  });

  it('filters by region in the URL, survives a reload, and the back button undoes it', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    const value = page.locator('article[data-axis="tournees"] .value');
    const region = page.getByLabel('Région', { exact: true });
    const unfiltered = await value.textContent();
    expect(unfiltered).toMatch(/\d/);

    await region.selectOption('Europe');
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    await settled(page);
    await expect.poll(() => value.textContent(), { timeout: 30_000 }).not.toBe(unfiltered);
    const europe = await value.textContent();
    expect(europe).toMatch(/\d/);

    // The server draws the same figure for the same URL as the browser's engine did.
    await page.reload();
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await expect(region.inputValue()).resolves.toBe('Europe');
    await expect(value.textContent()).resolves.toBe(europe);

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('region'));
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
    await settled(page);
    await expect.poll(() => value.textContent(), { timeout: 30_000 }).toBe(unfiltered);
    await expect(region.inputValue()).resolves.toBe('');

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('redraws the panels in view first, then those out of view, busy until they have, with the figures the server draws', async () => {
    const { page, errors, foreign } = await newPage();
    await visit(page, '/');
    await page.locator('[data-engine="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
    await settled(page);
    // For each panel: when its figures first changed after the choice, and whether it was busy before.
    await page.evaluate(() => {
      // In view, or well beyond the 200 px within which a panel counts as near (offscreen.svelte.ts);
      // a panel in between is not judged.
      const seen: Record<string, { changed?: number; busy?: number; inView: boolean; far: boolean }> = {};
      (window as unknown as { __panels: typeof seen }).__panels = seen;
      for (const panel of document.querySelectorAll<HTMLElement>('main article[data-axis]')) {
        const axis = panel.dataset.axis!;
        const box = panel.getBoundingClientRect();
        seen[axis] = { inView: box.top < innerHeight && box.bottom > 0, far: box.top > innerHeight + 300 };
        new MutationObserver((changes) => {
          const now = performance.now();
          for (const c of changes) {
            if (c.type === 'attributes' && c.target === panel && panel.getAttribute('aria-busy') === 'true')
              seen[axis]!.busy ??= now;
            if (c.type !== 'attributes') seen[axis]!.changed ??= now;
          }
        }).observe(panel, {
          attributes: true,
          attributeFilter: ['aria-busy'],
          childList: true,
          characterData: true,
          subtree: true
        });
      }
    });
    await page.getByLabel('Région', { exact: true }).selectOption('Europe');
    await page.waitForURL((url) => url.searchParams.get('region') === 'Europe');
    await settled(page);
    const seen = await page.evaluate(
      () =>
        (window as unknown as { __panels: Record<string, { changed?: number; busy?: number; inView: boolean; far: boolean }> })
          .__panels
    );
    const inView = Object.values(seen).filter((p) => p.inView && p.changed !== undefined);
    const outOfView = Object.values(seen).filter((p) => p.far && p.changed !== undefined);
    expect(inView.length).toBeGreaterThan(0);
    expect(outOfView.length).toBeGreaterThan(0);
    for (const p of inView) expect(p.busy).toBeUndefined(); // in view: redrawn at once, never left behind
    for (const p of outOfView) {
      expect(p.busy).toBeDefined(); // out of view: marked busy until it caught up…
      expect(p.changed!).toBeGreaterThanOrEqual(Math.max(...inView.map((v) => v.changed!))); // …after those in view
    }

    // Every panel, whenever it was redrawn, shows what the server draws for the same choice.
    const figures = (p: typeof page) =>
      p
        .locator('main article[data-axis]')
        .evaluateAll((panels) => panels.map((e) => e.querySelector('.value')?.textContent ?? ''));
    const live = await figures(page);
    const { page: served } = await newPage();
    await visit(served, '/?region=Europe');
    expect(live).toEqual(await figures(served));
    expect(live.some((f) => /\d/.test(f))).toBe(true);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('a panel the years leave empty says so, and draws its chart again with the right figure when they no longer do', async () => {
    const { page, errors } = await newPage();
    await visit(page, '/');
    await engineStarted(page);
    // The offices' panel: its values start in 2019.
    const panel = page.locator('article', { has: page.getByRole('heading', { name: "Représentations du Québec à l'étranger" }) });
    const title = (await panel.getByRole('heading', { level: 2 }).textContent())!.trim();
    const chart = panel.getByRole('application', { name: title, exact: true });
    const empty = panel.getByText('Aucune donnée pour ces filtres.');
    await expect(chart.isVisible()).resolves.toBe(true);

    await page.getByLabel('De', { exact: true }).selectOption('2014');
    await page.getByLabel('À', { exact: true }).selectOption('2016');
    await page.waitForURL((url) => url.searchParams.get('a') === '2016');
    await settled(page);
    await expect.poll(() => empty.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect(chart.count()).resolves.toBe(0); // not drawn, nor reachable by the keyboard or a screen reader

    await page.getByLabel('À', { exact: true }).selectOption('2022');
    await page.waitForURL((url) => url.searchParams.get('a') === '2022');
    await settled(page);
    await expect.poll(() => chart.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect(empty.count()).resolves.toBe(0);
    // The figure drawn in place is the one the server draws for the same address.
    const html = await (await fetch(`${baseUrl}/?de=2014&a=2022`)).text();
    const served = /Représentations du Québec[\s\S]*?class="value[^"]*"[^>]*>([^<]*)</.exec(html)?.[1]?.trim();
    expect(served).toMatch(/\d/);
    await expect(
      panel
        .locator('.value')
        .first()
        .textContent()
        .then((t) => t?.trim())
    ).resolves.toBe(served);
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(200); // laid out at the panel's width, not left at zero
    expect(errors).toEqual([]);
  });
});
