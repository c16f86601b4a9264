// Starts a Vigie worker thread from the sources (Vitest, `vite dev`): Node cannot run the TypeScript
// entry itself, so it goes through a Vite module runner. The runner stays open for the thread's life:
// the entry imports some modules only when first needed (SheetJS for a workbook). The built server
// never uses this file: its threads run the bundled entry chunk (src/lib/server/threads/thread.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { createServer, createServerModuleRunner } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'silent',
  resolve: { alias: { $lib: join(root, 'src/lib') } },
  server: { middlewareMode: true, hmr: false, watch: null, ws: false }
});
await createServerModuleRunner(server.environments.ssr, { hmr: false }).import(workerData.entry);
