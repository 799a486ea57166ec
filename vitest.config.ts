import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A guard against hangs, not a measure: property tests of 1,000 policies take seconds alone and
    // several times longer on a machine loaded by other work.
    testTimeout: 120_000,
    pool: 'forks',
    // Two files at a time. Vitest's default on 2 cores is one worker (cores - 1), which leaves a
    // core idle while an end-to-end file waits on the processes it started; two workers overlap
    // those waits with the CPU-bound files. No test depends on timing (the timeouts are hang
    // guards several times a loaded machine's duration), so sharing the cores changes only the
    // wall time.
    maxWorkers: 2,
    // One temporary directory per run, removed at its end (TRAFFICPORT_KEEP_TEST_FILES=1 keeps it).
    globalSetup: ['test/support/global-temp.ts'],
  },
});
