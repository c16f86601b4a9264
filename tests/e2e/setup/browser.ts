import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '../artifacts');
const require = createRequire(import.meta.url);

/** A page of the app, with what went wrong in it: console errors, page errors, requests to other hosts. */
export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests to any origin but the app's (all aborted). */
  foreign: string[];
}

/**
 * Starts Chromium for the test file and gives each test fresh pages (own cookies), closed after the
 * test; a failed test leaves a screenshot of each of its pages in tests/e2e/artifacts/.
 */
export function useBrowser() {
  const baseUrl = inject('baseUrl');
  const origin = new URL(baseUrl).origin;
  let browser: Browser | undefined;
  let open: AppPage[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run'
      ]
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async ({ task }) => {
    const pages = open;
    open = [];
    const failed = task.result?.state === 'fail';
    for (const [i, p] of pages.entries()) {
      if (failed && !p.page.isClosed()) {
        mkdirSync(artifacts, { recursive: true });
        const name = task.name.replace(/[^\p{L}\p{N}._-]+/gu, '-') + (i > 0 ? `-${i + 1}` : '');
        await p.page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true }).catch(() => {});
      }
      await p.context.close();
    }
  });

  /**
   * A new page in a new context (`options` e.g. `{ javaScriptEnabled: false }`); requests to other origins
   * than the app's and `allowed` (an identity provider's) are aborted and recorded.
   */
  async function newPage(options: BrowserContextOptions = {}, allowed: string[] = []): Promise<AppPage> {
    if (!browser) throw new Error('useBrowser(): the browser is not started (call newPage inside a test)');
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const tracked: AppPage = { page, context, errors: [], foreign: [] };
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const to = new URL(url).origin;
      if (to === origin || allowed.includes(to)) return route.continue();
      tracked.foreign.push(url);
      return route.abort('blockedbyclient');
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') tracked.errors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => tracked.errors.push(`page error: ${err.message}`));
    open.push(tracked);
    return tracked;
  }

  return { baseUrl, newPage };
}

/** Opens a path of the app and waits until the page is interactive (hydrated). */
export async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  if (!res?.ok()) throw new Error(`GET ${path}: HTTP ${res?.status()}`);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/** Waits until no chart or filter bar says it is busy (the browser's DuckDB has answered). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
}

/** Waits until the browser's engine is no longer starting (ready, failed, or still idle after 10 s). */
export async function engineStarted(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => {
        const state = document.querySelector('[data-engine]')?.getAttribute('data-engine');
        return state === 'ready' || state === 'failed';
      },
      undefined,
      { timeout: 10_000 }
    )
    .catch(() => {});
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rules SGQRI 008 3.0 asks for: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core (WCAG 2.2 A/AA and best practices) on the page; returns the violations. */
export async function runAxe(page: Page): Promise<Result[]> {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<AxeResults> } }).axe.run(document, options),
    { runOnly: { type: 'tag', values: [...WCAG_TAGS, 'best-practice'] } }
  );
  return results.violations;
}

/** A readable list of axe violations, for an assertion's message. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`
        );
      const more = v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : [];
      return [`[${v.impact}] ${v.id}: ${v.help}`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}

/** Signs in with a local account through the sign-in page's form, as a person would; waits for the overview. */
export async function signInWithPassword(page: Page, account: { name: string; password: string }): Promise<void> {
  await visit(page, '/connexion');
  await page.getByLabel("Nom d'utilisateur").fill(account.name);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}
