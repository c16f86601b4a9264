import { expect, it } from 'vitest';
import { useBrowser, visit, engineStarted } from './setup/browser';
const { newPage } = useBrowser();
it('probe', async () => {
  const { page, context, errors, foreign } = await newPage();
  const reqs: string[] = [];
  context.on('request', (r) => reqs.push(r.url()));
  await visit(page, '/');
  await engineStarted(page);
  console.log(await page.locator('[data-engine]').getAttribute('data-engine'));
  await page.evaluate(() => fetch('https://example.com/x').catch(() => {}));
  await page.evaluate(() => new Promise((r) => { const w = new Worker(URL.createObjectURL(new Blob(["fetch('https://example.org/fromworker').catch(()=>{}).then(()=>postMessage(1))"]))); w.onmessage = r; }));
  console.log(reqs.filter((u) => u.includes('duckdb') || u.includes('example')));
  console.log(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('duckdb'))));
  console.log(foreign, errors);
  expect(1).toBe(2);
});
