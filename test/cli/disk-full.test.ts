import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runBinary } from '../support/binary.js';
import { missing } from '../support/skip.js';

/**
 * A full disk, for real: a 64 KiB tmpfs mounted for the test (root in a container may; elsewhere
 * the test says why it is skipped). Each command must name what it could not write, exit 1, and
 * leave no temporary file behind to keep the disk full.
 */
const scratch = mkdtempSync(join(tmpdir(), 'tp-disk-'));
const full = join(scratch, 'full');
mkdirSync(full);
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(() => {
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(scratch, 'quickstart.yaml'));
  if (!mounted) return;
  // Fill it: whatever is left after this is less than any plan or journal.
  try {
    writeFileSync(join(full, 'filler'), Buffer.alloc(128 * 1024));
  } catch {
    // ENOSPC: the filler took all there was.
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', [full]);
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(missing(mounted, 'the full-disk tests (a tmpfs mount)', 'run as root where mount is allowed'))(
  'a full disk',
  () => {
    it('plan --out says it could not write the plan, exits 1 and leaves no temporary file', async () => {
      const out = join(full, 'plan.json');
      const run = await runBinary(['plan', 'quickstart.yaml', '--out', out], { cwd: scratch });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('IO.DISK_FULL');
      expect(run.stderr).toContain(out);
      expect(run.stderr).not.toMatch(/INTERNAL\.UNEXPECTED|a bug in trafficport/);
      expect(readdirSync(full)).toEqual(['filler']);
    });

    it('apply with its state on the full disk stops before publishing, names the journal, and cleans up', async () => {
      const run = await runBinary(['apply', 'quickstart.yaml', '--auto-approve', '--state-dir', full], {
        cwd: scratch,
      });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('IO.DISK_FULL');
      expect(run.stderr).toMatch(/the apply journal .*journal/);
      expect(readdirSync(full).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const leftovers = readdirSync(full, { recursive: true, encoding: 'utf8' }).filter((name) =>
        name.includes('.tmp'),
      );
      expect(leftovers).toEqual([]);
    });
  },
);
