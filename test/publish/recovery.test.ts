import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Journal, parseJournal } from '../../src/apply/journal.js';
import { loadPolicyFile } from '../../src/inputs/policy-file.js';
import type { CliIo } from '../../src/io/io.js';
import { diffResources } from '../../src/plan/diff.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import { adapterOptions, servicesOf } from '../../src/publish/prepare.js';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

/**
 * Recovery always has a way out: a journal left by a run that lost a race (its plan stale, nothing
 * written) never blocks a new apply; `apply --resume` re-plans toward the journal's target from
 * the records as they are and converges once approved; a running apply is said to be running.
 */

const AT = '2026-12-01T00:00Z';
let dir: string;
let clock = Date.parse('2026-12-01T00:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-recovery-'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'eu.yaml'));
});

function cli(args: string[]) {
  clock += 60_000;
  return runCli(args, { cwd: dir, now: clock });
}
const journalDir = () => join(dir, '.trafficport', 'journal');
const archived = () =>
  readdirSync(journalDir())
    .filter((n) => /^\d.*\.json$/.test(n))
    .sort();

/** Two applies (all endpoints, then aws-dub down) and back: the second one's journal, as a stale loser's. */
async function lostRace(): Promise<Journal> {
  expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
  expect((await cli(['apply', 'eu.yaml', '--at', AT, '--down', 'aws-dub', '--auto-approve', '--force'])).code).toBe(0);
  const moved = parseJournal(readFileSync(join(journalDir(), archived().at(-1)!), 'utf8'));
  expect((await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve', '--force'])).code).toBe(0);
  const loser: Journal = {
    ...moved,
    id: `${moved.id}-loser`,
    status: 'failed',
    providers: Object.fromEntries(
      Object.entries(moved.providers).map(([id, entry]) => [
        id,
        {
          ...entry,
          stepsDone: 0,
          status: 'failed',
          expectFingerprint: 'f'.repeat(64),
          error: {
            code: 'PLAN.STALE',
            message: `the records at ${id} changed after the plan was made (another apply?)`,
          },
        },
      ]),
    ),
  };
  writeFileSync(join(journalDir(), 'current.json'), JSON.stringify(loser));
  return loser;
}

/** Whether every provider serves exactly the journal's target. */
async function serves(journal: Journal): Promise<boolean> {
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
    cwd: dir,
    now: () => clock,
  };
  const { policy } = await loadPolicyFile('eu.yaml', io);
  for (const provider of policy.providers) {
    const adapter = await (await loadProviderKit(provider.type)).createAdapter(provider, adapterOptions(io, {}));
    const live = await adapter.read(servicesOf(policy, provider));
    const target = journal.providers[provider.id]!.steps.at(-1)!;
    if (diffResources(target, live.resources, live.retained).length > 0) return false;
  }
  return true;
}

describe('recovery', { timeout: 600_000 }, () => {
  it('a journal that wrote nothing (a lost race) is superseded by the next apply', async () => {
    const loser = await lostRace();
    const applied = await cli(['apply', 'eu.yaml', '--at', AT, '--down', 'aws-dub', '--auto-approve', '--force']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(
      `note: an earlier apply (${loser.id}) wrote nothing before it stopped; it was superseded`,
    );
    const kept = parseJournal(readFileSync(join(journalDir(), `${loser.id}.json`), 'utf8'));
    expect(kept.status).toBe('superseded');
  });

  it('apply --resume re-plans toward the journal target, asks for approval, then converges', async () => {
    const loser = await lostRace();
    expect(await serves(loser)).toBe(false);
    const unapproved = await cli(['apply', '--resume', 'eu.yaml']);
    expect(unapproved.code).toBe(1);
    expect(unapproved.stderr).toMatch(
      /r53: the records changed since this apply's plan was made .* re-planned toward its target: \d+ to create, \d+ to update, \d+ to delete/,
    );
    expect(unapproved.stderr).toContain('APPLY.NEEDS_APPROVAL');
    expect(unapproved.stderr).toContain('trafficport apply --resume eu.yaml --auto-approve');
    expect(await serves(loser)).toBe(false);
    const resumed = await cli(['apply', '--resume', 'eu.yaml', '--auto-approve']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).not.toContain('PLAN.STALE');
    expect(await serves(loser)).toBe(true);
    // Nothing is left to resume.
    expect((await cli(['apply', '--resume', 'eu.yaml'])).stdout).toContain('Nothing to resume');
  });

  it('an apply whose process is alive is running, not interrupted, and no resume is offered', async () => {
    await lostRace();
    const current = JSON.parse(readFileSync(join(journalDir(), 'current.json'), 'utf8'));
    current.status = 'in-progress';
    current.providers.r53.expectFingerprint = undefined;
    current.providers.r53.stepsDone = 1;
    // The parent of this test process: alive for as long as the test runs.
    current.holder = { run: 'other-run', command: 'apply', host: hostname(), pid: process.ppid, since: clock };
    writeFileSync(join(journalDir(), 'current.json'), JSON.stringify(current));
    const second = await cli(['apply', 'eu.yaml', '--at', AT, '--auto-approve']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('APPLY.RUNNING');
    expect(second.stderr).toContain(`is still running (pid ${process.ppid} on ${hostname()}`);
    expect(second.stderr).not.toContain('--resume');
    expect(second.stderr).not.toContain('APPLY.INTERRUPTED');
  });
});
