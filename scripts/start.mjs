// `npm start`: serves the built app (adapter-node). Request sizes are Vigie's own business: its server
// hook lets only an editor's publish be large (streamed to disk) and refuses any other body over a few
// KiB (src/lib/server/bodies.ts); the build removes adapter-node's single default (svelte.config.js).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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
