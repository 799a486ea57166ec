import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Folders whose tests import only the pure core (and the in-process CLI on temporary state): no
 * vi.mock, fake timers, environment changes or module-level state a test relies on being fresh.
 * Their files share a worker's module cache (`isolate: false`), which saves loading the core
 * again for each file. Any other folder is isolated (fresh modules per file).
 */
const PURE = ['solve', 'policy', 'render', 'resolver', 'plan', 'geo', 'errors', 'inputs'];

/**
 * The slowest files, longest first (measured, README's Development section): on a run without a
 * results cache (a fresh clone, as CI has) they start first, so that neither worker is left with
 * a long file at the end while the other idles. With a cache, its measured durations order them.
 */
const SLOW_FIRST = [
  'test/reliability/fault-matrix-storms.test.ts',
  'test/reliability/fault-matrix-kills-azure.test.ts',
  'test/reliability/fault-matrix-kills-route53.test.ts',
  'test/reliability/fault-matrix-outages.test.ts',
  'test/e2e/race.test.ts',
  'test/e2e/ci-examples.test.ts',
  'test/e2e/resilience.test.ts',
  'test/cli/large-output.test.ts',
  'test/reliability/fuzz-policies.test.ts',
  'test/e2e/publish.test.ts',
  'test/e2e/service-filter.test.ts',
  'test/providers/azure-generated.test.ts',
  'test/publish/replan-after-apply.property.test.ts',
  'test/publish/recovery.test.ts',
  'test/providers/permissions.test.ts',
  'test/publish/rollback.test.ts',
];

/**
 * Pure files first (both workers share them, each reusing its module cache from one to the next),
 * then the isolated ones, longest first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const path = (spec: TestSpecification) => relative(root, spec.moduleId).replaceAll('\\', '/');
    const cached = (spec: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${path(spec)}`)?.duration;
    const useCache = files.every((spec) => cached(spec) !== undefined);
    const weight = (spec: TestSpecification): number => {
      if (useCache) return cached(spec)!;
      const slow = SLOW_FIRST.indexOf(path(spec));
      return slow >= 0 ? 1e9 - slow : (this.ctx.cache.getFileStats(`${spec.project.name}:${path(spec)}`)?.size ?? 0);
    };
    const pureFirst = (spec: TestSpecification) => (spec.project.config.isolate ? 1 : 0);
    return [...files].sort((a, b) => pureFirst(a) - pureFirst(b) || weight(b) - weight(a));
  }
}

export default defineConfig({
  test: {
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
    // Each project inherits this; the set-up makes the directory once and the later calls reuse it.
    globalSetup: ['test/support/global-temp.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: PURE.map((folder) => `test/${folder}/**/*.test.ts`),
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: PURE.map((folder) => `test/${folder}/**`),
        },
      },
    ],
  },
});
