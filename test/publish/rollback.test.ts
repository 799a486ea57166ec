import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

/**
 * Rollback is an apply like any other: it shows the plan of what it restores, asks (or needs
 * --auto-approve), holds the safety limits (--force past them), and undoes the last apply that
 * changed something, never reaching past a refused or empty one to undo an earlier apply.
 */

const AT = '2026-12-01T00:00Z';
let dir: string;
let clock = Date.parse('2026-12-01T00:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-rollback-'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'eu.yaml'));
});

// A minute between commands: journals are named by the time they start.
function cli(args: string[]) {
  clock += 60_000;
  return runCli(args, { cwd: dir, now: clock });
}
const journals = () => readdirSync(join(dir, '.trafficport', 'journal')).filter((n) => /^\d.*\.json$/.test(n));

async function counts(args: string[] = []) {
  const plan = await cli(['plan', 'eu.yaml', '--at', AT, ...args, '--json']);
  return (JSON.parse(plan.stdout).providers as { liveResources: number }[]).map((p) => p.liveResources);
}

describe('rollback', { timeout: 600_000 }, () => {
  it('after a refused update it deletes nothing; naming the earlier apply needs --force to remove it all', async () => {
    expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
    const published = await counts();
    expect(published.every((n) => n > 0)).toBe(true);
    const [first] = journals();
    // An update past the safety limits is refused: nothing written, no journal.
    const refused = await cli(['apply', 'eu.yaml', '--at', AT, '--down', 'aws-fra', '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PLAN.UNSAFE');

    const rolled = await cli(['rollback', 'eu.yaml', '--auto-approve']);
    expect(rolled.code).toBe(1);
    expect(rolled.stderr).toContain('APPLY.NOTHING_TO_ROLL_BACK');
    expect(rolled.stderr).toContain('changed nothing (refused: PLAN.UNSAFE)');
    expect(rolled.stderr).toContain(`--apply ${first!.replace(/\.json$/, '')}`);
    expect(await counts()).toEqual(published);

    // Named explicitly, the first apply's undo removes every record: over the limit without --force.
    const id = first!.replace(/\.json$/, '');
    const unsafe = await cli(['rollback', 'eu.yaml', '--apply', id, '--auto-approve']);
    expect(unsafe.code).toBe(1);
    expect(unsafe.stderr).toContain('PLAN.UNSAFE');
    expect(unsafe.stdout).toMatch(/Plan: 0 to create, 0 to update, \d+ to delete\./);
    expect(await counts()).toEqual(published);
    const forced = await cli(['rollback', 'eu.yaml', '--apply', id, '--auto-approve', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await counts()).toEqual([0, 0]);
  });

  it('after an apply with nothing to change it undoes nothing either', async () => {
    expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
    const again = await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve']);
    expect(again.stdout).toContain('nothing to apply');
    const rolled = await cli(['rollback', 'eu.yaml', '--auto-approve', '--force']);
    expect(rolled.code).toBe(1);
    expect(rolled.stderr).toContain('changed nothing (nothing to apply)');
    expect((await counts()).every((n) => n > 0)).toBe(true);
  });

  it('undoes the last apply that changed something, showing its plan and asking first', async () => {
    expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
    const moved = await cli(['apply', 'eu.yaml', '--at', AT, '--down', 'aws-dub', '--auto-approve', '--force']);
    expect(moved.code, moved.stderr).toBe(0);
    expect((await cli(['plan', 'eu.yaml', '--at', AT, '--detailed-exitcode'])).code).toBe(2);
    const unasked = await cli(['rollback', 'eu.yaml']);
    expect(unasked.code).toBe(1);
    expect(unasked.stderr).toContain('APPLY.NEEDS_APPROVAL');
    expect(unasked.stdout).toMatch(/Plan: \d+ to create, \d+ to update, \d+ to delete\./);
    const rolled = await cli(['rollback', 'eu.yaml', '--auto-approve', '--force']);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toContain('changes applied');
    // The records are the first apply's again: its plan finds nothing to change.
    expect((await cli(['plan', 'eu.yaml', '--at', AT, '--detailed-exitcode'])).code).toBe(0);
    // A second rollback finds the records already as they were.
    const twice = await cli(['rollback', 'eu.yaml', '--auto-approve']);
    expect(twice.code, twice.stderr).toBe(0);
    expect(twice.stdout).toContain('nothing to roll back');
  });

  it('--json prints the restore plan beside the report: the inverse of the apply it undoes', async () => {
    expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
    const moved = await cli([
      'apply',
      'eu.yaml',
      '--at',
      AT,
      '--down',
      'aws-dub',
      '--auto-approve',
      '--force',
      '--json',
    ]);
    expect(moved.code, moved.stderr).toBe(0);
    const undone = journals()
      .at(-1)!
      .replace(/\.json$/, '');
    const applied = JSON.parse(moved.stdout) as { providers: { provider: string; changes: number }[] };
    const rolled = await cli(['rollback', 'eu.yaml', '--auto-approve', '--force', '--json']);
    expect(rolled.code, rolled.stderr).toBe(0);
    const report = JSON.parse(rolled.stdout) as {
      status: string;
      providers: { provider: string; changes: number }[];
      plan: { providers: { provider: string; changes: { action: string }[] }[] };
    };
    expect(report.status).toBe(`rolled back apply ${undone}`);
    const planned = Object.fromEntries(report.plan.providers.map((p) => [p.provider, p.changes.length]));
    // Undoing an apply changes the keys it changed, and the rollback wrote what its plan said.
    expect(planned).toEqual(Object.fromEntries(applied.providers.map((p) => [p.provider, p.changes])));
    expect(Object.fromEntries(report.providers.map((p) => [p.provider, p.changes]))).toEqual(planned);
  });
});
