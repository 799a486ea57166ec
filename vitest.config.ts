import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Guards against hangs, not measures: property tests of 1,000 policies take seconds alone and
    // many times longer on a machine loaded by other work (set-up hooks that build or publish
    // first took over vitest's default 10 s there). Files keep no lower limit of their own.
    testTimeout: 600_000,
    hookTimeout: 600_000,
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
