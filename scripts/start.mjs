// `npm start`: serves the built app (adapter-node) with the request size Vigie needs. adapter-node
// refuses bodies over BODY_SIZE_LIMIT (512 kB by default) before any of our code runs; a published
// file may be as large as an imported one (MAX_IMPORT_BYTES, 256 MiB, src/lib/import/limits.ts), plus
// the form's other fields. /api/publish checks the exact limit itself; every other route reads small bodies.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** MAX_IMPORT_BYTES + 1 MiB of form overhead (tests/unit/server/limits.test.ts keeps them in step). */
export const BODY_LIMIT = 256 * 1024 * 1024 + 1024 * 1024;

process.env.BODY_SIZE_LIMIT ??= String(BODY_LIMIT);
// Without ORIGIN, adapter-node takes every request for HTTPS: SvelteKit's CSRF check would then refuse
// the sign-in and publish forms sent from http://localhost:3000. In production, set ORIGIN to the
// address people use (https://vigie.example.org), or PROTOCOL_HEADER/HOST_HEADER behind a proxy.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
  const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
  process.env.ORIGIN = `http://${host}:${process.env.PORT ?? '3000'}`;
}
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await import(pathToFileURL(resolve(process.env.VIGIE_BUILD_DIR ?? 'build', 'index.js')).href);
}
