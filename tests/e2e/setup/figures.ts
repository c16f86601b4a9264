import type { AppPage } from './browser';

/** The overview's touring panel's latest value. */
export const TOURING_VALUE = 'article[data-axis="tournees"] .value';

/** The touring panel's latest value as the server draws it for `path`, read with JavaScript off. */
export async function serverFigure(
  newPage: (options?: { javaScriptEnabled?: boolean }) => Promise<AppPage>,
  path: string
): Promise<string | null> {
  const { page } = await newPage({ javaScriptEnabled: false });
  await page.goto(path);
  return page.locator(TOURING_VALUE).textContent();
}
