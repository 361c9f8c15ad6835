import { defineConfig } from 'vitest/config';

// Unit and database tests of the server and the shared package. Browser tests have their own
// config (apps/web/e2e), benchmarks are never part of `npm test`.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
