import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary directory per run, removed at its end (TRAFFICPORT_KEEP_TEST_FILES=1 keeps it).
    globalSetup: ['test/support/global-temp.ts'],
  },
});
