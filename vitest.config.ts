import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A guard against hangs, not a measure: property tests of 1,000 policies take seconds alone and
    // several times longer on a machine loaded by other work.
    testTimeout: 120_000,
    pool: 'forks',
    // One test file more than the machine has cores (vitest's default is one fewer: a single
    // worker on 2 cores). Many files spend most of their time waiting on child processes (the
    // built CLI, `mock serve`) and on mocked propagation, so another file runs in that time.
    maxWorkers: availableParallelism() + 1,
    // One temporary directory per run, removed at its end (TRAFFICPORT_KEEP_TEST_FILES=1 keeps it).
    globalSetup: ['test/support/global-temp.ts'],
  },
});
