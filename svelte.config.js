import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// VIGIE_BUILD_DIR lets two builds (a benchmark and a test run, say) live side by side.
const out = process.env.VIGIE_BUILD_DIR ?? 'build';

/**
 * adapter-node caps every request body at BODY_SIZE_LIMIT, 512 kB unless set: one limit for all routes,
 * too small for a published file, far too large for a sign-in form. Vigie sets its own per route, in
 * its server hook (src/lib/server/bodies.ts: a few KiB everywhere, the import limit for an editor's
 * publish, streamed to disk), so the built server's default becomes no limit of its own — `node build`
 * then behaves as `npm start`. An explicit BODY_SIZE_LIMIT still applies. The build fails if the
 * adapter's code no longer has the line (tests/e2e/limits.test.ts checks the built server).
 */
function withoutBodyLimit(base) {
  return {
    ...base,
    async adapt(builder) {
      await base.adapt(builder);
      const line = "env('BODY_SIZE_LIMIT', '512K')";
      const dir = join(out, 'server', 'chunks');
      const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.js'));
      let found = 0;
      for (const f of files) {
        const path = join(dir, String(f));
        const text = readFileSync(path, 'utf8');
        if (!text.includes(line)) continue;
        writeFileSync(path, text.replace(line, "env('BODY_SIZE_LIMIT', 'Infinity')"));
        found++;
      }
      if (found !== 1)
        throw new Error(`svelte.config.js: expected adapter-node's ${line} once in ${dir}, found it ${found} times`);
    }
  };
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: withoutBodyLimit(adapter({ out, precompress: true })),
    // The first page's stylesheets (about 10 KB in all) go inline: six requests the first paint no longer waits for.
    inlineStyleThreshold: 6 * 1024,
    outDir: out === 'build' ? '.svelte-kit' : `.svelte-kit-${out.replace(/[^\w-]/g, '_')}`
  }
};

export default config;
