import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A guard against hangs, not a measure: property tests of 1,000 policies take seconds alone and
    // several times longer on a machine loaded by other work.
    testTimeout: 120_000,
    pool: 'forks',
    // One temporary directory per run, removed at its end (TRAFFICPORT_KEEP_TEST_FILES=1 keeps it).
    globalSetup: ['test/support/global-temp.ts'],
  },
});
