import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Journal, JournalStore } from '../../src/apply/journal.js';
import { ROOT, runAndKill, runBinary } from '../support/binary.js';

let dir: string;
const AT = '2026-12-01T00:00Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-e2e-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(dir, 'policy.yaml'));
  copyFileSync(join(ROOT, 'examples', 'maintenance-drain.yaml'), join(dir, 'drain.yaml'));
});

const run = (...args: string[]) => runBinary(args, { cwd: dir });

describe('plan and apply through the built CLI on the mock backend', () => {
  it('plan → apply → plan shows no changes, and verify matches', async () => {
    const first = await run('plan', 'policy.yaml', '--at', AT, '--detailed-exitcode');
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/Plan: \d+ to create, 0 to update, 0 to delete\./);

    const applied = await run('apply', 'policy.yaml', '--at', AT, '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/✓ r53: \d+ changes applied/);

    const again = await run('plan', 'policy.yaml', '--at', AT, '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');

    const verified = await run('verify', 'policy.yaml', '--at', AT);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/✓ r53: \d+ geographies answer as planned/);
  });

  it('applies a saved plan once, then refuses it as stale', async () => {
    const planned = await run('plan', 'drain.yaml', '--at', '2026-12-06T00:00Z', '--out', 'plan.json');
    expect(planned.code).toBe(0);
    expect(statSync(join(dir, 'plan.json')).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    expect(saved.kind).toBe('trafficport-plan');
    expect(saved.providers[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);

    expect((await run('apply', 'plan.json', '--auto-approve')).code).toBe(0);
    // The drain moves weights: publish a later moment, then the old plan no longer fits.
    expect((await run('apply', 'drain.yaml', '--at', '2026-12-06T03:00Z', '--auto-approve', '--force')).code).toBe(0);
    const stale = await run('apply', 'plan.json', '--auto-approve');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('PLAN.STALE');
    expect(stale.stderr).toContain('changed since the plan was made');
  });

  it('refuses to apply without a terminal unless --auto-approve', async () => {
    const refused = await run('apply', 'policy.yaml', '--at', AT);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('APPLY.NEEDS_APPROVAL');
    expect((await run('plan', 'policy.yaml', '--at', AT, '--detailed-exitcode')).code).toBe(2);
  });

  it('a process killed mid-apply resumes to convergence, and rollback restores the previous records', async () => {
    expect((await run('apply', 'drain.yaml', '--at', '2026-12-06T00:00Z', '--auto-approve')).code).toBe(0);
    // A big move in small steps with a wait between them: kill it during the first wait.
    const killed = await runAndKill(
      [
        'apply',
        'drain.yaml',
        '--at',
        '2026-12-06T03:00Z',
        '--auto-approve',
        '--force',
        '--max-shift',
        '5',
        '--step-wait',
        '30s',
      ],
      { cwd: dir },
      (output) => output.includes('before the next step'),
    );
    expect(killed.killed).toBe(true);
    // The journal as the next run reads it: the base plus its progress log.
    const journal = (await new JournalStore(join(dir, '.trafficport', 'journal')).load()) as Journal;
    expect(journal.status).toBe('in-progress');
    expect(journal.providers.r53!.stepsDone).toBeGreaterThanOrEqual(1);
    expect(statSync(join(dir, '.trafficport', 'journal', 'current.json')).mode & 0o777).toBe(0o600);

    const blocked = await run('apply', 'drain.yaml', '--at', '2026-12-06T03:00Z', '--auto-approve', '--force');
    expect(blocked.stderr).toContain('APPLY.INTERRUPTED');

    // Resume skips the remaining waits' worth of steps only by applying them; use a short wait.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, '.trafficport', 'journal', 'current.json'),
      JSON.stringify({ ...journal, stepWaitSeconds: 0 }),
    );
    const resumed = await run('apply', '--resume', 'drain.yaml');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await run('plan', 'drain.yaml', '--at', '2026-12-06T03:00Z', '--detailed-exitcode')).code).toBe(0);

    const rolledBack = await run('rollback', 'drain.yaml', '--auto-approve', '--force');
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect((await run('plan', 'drain.yaml', '--at', '2026-12-06T00:00Z', '--detailed-exitcode')).code).toBe(0);
  });

  it('writes a Markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(dir, 'summary.md');
    const result = await runBinary(['plan', 'policy.yaml', '--at', AT], {
      cwd: dir,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code).toBe(0);
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain('### trafficport plan: changes');
    expect(text).toMatch(/\| r53 \(route53\) \| example.com \| \d+ \| 0 \| 0 \|/);
  });
});

describe('apply --watch', () => {
  it('applies what is due, says when it will look again, and needs --auto-approve', async () => {
    const refused = await run('apply', 'drain.yaml', '--watch');
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain('USAGE.WATCH_NEEDS_APPROVAL');
    const watched = await runAndKill(['apply', 'drain.yaml', '--watch', '--auto-approve'], { cwd: dir }, (output) =>
      output.includes('next check'),
    );
    expect(watched.killed).toBe(true);
    expect(watched.output).toMatch(/✓ r53: \d+ changes applied/);
    expect(watched.output).toMatch(/next check \d{4}-\d{2}-\d{2}T/);
    // What the watcher applied is what a plan at this moment wants.
    expect((await run('plan', 'drain.yaml', '--detailed-exitcode')).code).toBe(0);
  });
});
