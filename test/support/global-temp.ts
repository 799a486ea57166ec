import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set while a run's directory exists: the projects of vitest.config.ts each call this set-up. */
const OWNER = 'TRAFFICPORT_TEST_TMPDIR';

/**
 * Vitest global setup: every temporary directory the tests make (test files, the CLI processes
 * they spawn, the browser) goes under one directory of this run, removed when the run ends, so a
 * run leaves nothing behind in the machine's temp directory whatever a test forgets. Workers and
 * child processes inherit TMPDIR, and os.tmpdir() reads it on each call. Each test project runs
 * this set-up: the first makes the directory, the others find it (OWNER) and leave it alone.
 */
export default function setup(): () => void {
  if (process.env[OWNER] !== undefined && process.env.TMPDIR === process.env[OWNER]) return () => {};
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(previous ?? tmpdir(), 'trafficport-tests-'));
  process.env.TMPDIR = root;
  process.env[OWNER] = root;
  return () => {
    delete process.env[OWNER];
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.TRAFFICPORT_KEEP_TEST_FILES === undefined) rmSync(root, { recursive: true, force: true });
  };
}
