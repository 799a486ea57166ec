import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, ROOT, runBinary } from '../support/binary.js';

/*
 * Ctrl-C during a ramped apply, through the built binary: the process gets SIGINT while it waits
 * between two ramp steps (a point it reaches after step 1 is journaled), and must say where it
 * stopped and the ways on, exit 130, and leave a journal that plan warns about, apply refuses
 * before printing a plan, and --resume finishes.
 */
const AT = ['--at', '2026-12-01T00:00Z'];
let cwd: string;

beforeAll(() => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-interrupt-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'quickstart.yaml'));
});
afterAll(() => {
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

/** Runs the binary and sends SIGINT once `when` sees its stderr. */
function interruptWhen(
  args: readonly string[],
  when: (stderr: string) => boolean,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && when(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('an interrupted apply (built binary)', { timeout: 600_000 }, () => {
  it('says where it stopped and the ways on, exits 130, and the journal is refused, warned about and resumed', async () => {
    const state = ['--state-dir', join(cwd, 'state')];
    expect((await runBinary(['apply', 'quickstart.yaml', ...AT, ...state, '--auto-approve'], { cwd })).code).toBe(0);
    // Draining aws-fra moves up to 100% of a geography: --max-shift 50 makes two steps, a TTL apart.
    const ramp = ['--down', 'aws-fra', '--max-shift', '50', '--force', '--auto-approve'];
    const run = await interruptWhen(['apply', 'quickstart.yaml', ...AT, ...state, ...ramp], (err) =>
      err.includes('before the next step'),
    );
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 130, signal: null });
    expect(run.stderr).toMatch(
      /interrupted: the apply \(journal \S+\) stopped before it finished\n {2}r53: stopped after step 1 of 2\n/,
    );
    expect(run.stderr).toContain('`trafficport apply --resume quickstart.yaml` finishes it');
    expect(run.stderr).toContain('`trafficport rollback quickstart.yaml` restores the previous records');
    expect(readdirSync(join(cwd, 'state', 'journal'))).toContain('current.json');

    const plan = await runBinary(['plan', 'quickstart.yaml', ...AT, ...state], { cwd });
    expect(plan.code).toBe(0);
    expect(plan.stderr).toMatch(
      /warning: an earlier apply \(\S+\) did not finish; apply refuses a new plan until then/,
    );

    const refused = await runBinary(['apply', 'quickstart.yaml', ...AT, ...state, '--auto-approve'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error APPLY.INTERRUPTED');
    // Refused before the providers are read: no plan was printed that could not be applied.
    expect(refused.stdout).toBe('');

    const resumed = await runBinary(['apply', '--resume', 'quickstart.yaml', ...state], { cwd });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(
      /Resuming apply \S+ \(started \S+, planned for 2026-12-01T00:00:00Z\):\n {2}r53: 1 of 2 steps applied, 1 to go\n/,
    );
    expect(resumed.stdout).toMatch(/✓ r53: \d+ changes applied/);
    const after = await runBinary(
      ['plan', 'quickstart.yaml', ...AT, ...state, '--down', 'aws-fra', '--detailed-exitcode'],
      { cwd },
    );
    expect(after.code, after.stdout).toBe(0);
    expect(after.stderr).not.toContain('did not finish');
  });
});
