import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary directory the tests make (test files, the CLI processes
 * they spawn, the browser) goes under one directory of this run, removed when the run ends, so a
 * run leaves nothing behind in the machine's temp directory whatever a test forgets. Workers and
 * child processes inherit TMPDIR, and os.tmpdir() reads it on each call.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(previous ?? tmpdir(), 'trafficport-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.TRAFFICPORT_KEEP_TEST_FILES === undefined) rmSync(root, { recursive: true, force: true });
  };
}
