import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: one real server (global setup) and one Chromium per file, files one after another
// (the machines have two cores). `npm run test:e2e` builds the web app first.
export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: {
    include: ['apps/web/e2e/**/*.test.ts'],
    globalSetup: ['apps/web/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Pages settle slower while the other suites load the two cores; waits are generous, not sleeps.
    expect: { poll: { timeout: 20_000, interval: 200 } },
  },
});
