import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  css: {
    preprocessorOptions: {
      // Québec's design system (src/lib/styles/sdg.scss) finds its own partials through this path;
      // quietDeps hides the deprecation notices its sources raise with current Sass.
      scss: { loadPaths: ['node_modules/qc-trousse-sdg/src/sdg/scss'], quietDeps: true }
    }
  },
  worker: { format: 'es' },
  test: {
    // Dates and fiscal years must not depend on the machine's zone.
    env: { TZ: 'America/Toronto' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/charts/**/*.test.ts', 'src/**/*.spec.ts'],
          environment: 'node',
          // Each query test starts a DuckDB-wasm (≈1.5 s alone); on a loaded 2-core machine that nears
          // Vitest's 5 s default. A limit, not a speed claim: speed is measured by `npm run bench`.
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/setup/global.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false
        }
      }
    ]
  }
});
