import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertBuilt, BIN, ROOT } from '../support/binary.js';

/**
 * `trafficport regions | head -1` is how people skim output: once the reader has gone, writes
 * fail with EPIPE, which must end the command quietly with its own exit code, not an unhandled
 * 'error' event and a Node stack trace on stderr.
 */
describe('output into a closed pipe', () => {
  it.each([['regions'], ['--help'], ['schema']])('%s | true exits quietly', (command) => {
    assertBuilt();
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" ${command} | true`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(run.status).toBe(0);
  });
});
