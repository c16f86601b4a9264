import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// VIGIE_BUILD_DIR lets two builds (a benchmark and a test run, say) live side by side.
const out = process.env.VIGIE_BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out, precompress: true }),
    // The first page's stylesheets (about 10 KB in all) go inline: six requests the first paint no longer waits for.
    inlineStyleThreshold: 6 * 1024,
    outDir: out === 'build' ? '.svelte-kit' : `.svelte-kit-${out.replace(/[^\w-]/g, '_')}`
  }
};

export default config;
