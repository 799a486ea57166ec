/**
 * A saved plan approves one exact diff: `apply plan.json` recomputes the changes from the policy
 * (same hash), the plan's moment and the live records, and applies only when they are the
 * file's. Through the built CLI on the mock backend.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { assertBuilt, ROOT, runBinary } from '../support/binary.js';

interface SavedChange {
  action: string;
  key: string;
  after?: { key: string; kind: string; body: { ResourceRecords?: { Value: string }[]; [k: string]: unknown } };
}
interface Saved {
  providers: { changes: SavedChange[] }[];
  safety?: unknown;
}

let dir: string;
const AT = '2026-12-01T00:00Z';
const run = (...args: string[]) => runBinary(args, { cwd: dir });
const read = (): Saved => JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as Saved;
const write = (plan: Saved) => writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan, null, 2));

/** What the mock publishes: every owned record set, from its state file. */
/** The records each zone holds (the change log also counts the zone lease every apply takes and gives back). */
function published(): string {
  const state = readMockStateFile<{ zones: Record<string, { recordSets: unknown[] }> }>(
    join(dir, '.trafficport', 'mock', 'route53.json'),
  )!;
  return JSON.stringify(Object.values(state.zones).map((zone) => zone.recordSets));
}

beforeAll(() => assertBuilt());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-saved-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(dir, 'policy.yaml'));
  expect((await run('plan', 'policy.yaml', '--at', AT, '--out', 'plan.json')).code).toBe(0);
});

describe('apply plan.json refuses a file that is not the plan its policy gives', () => {
  it('changed addresses: names the record and both values, and writes nothing', async () => {
    const plan = read();
    const change = plan.providers[0]!.changes.find((c) => c.key.endsWith('|A|tp:aws-use1'))!;
    change.after!.body.ResourceRecords = [{ Value: '192.0.2.66' }];
    write(plan);
    const before = published();
    const applied = await run('apply', 'plan.json', '--auto-approve');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('error PLAN.MISMATCH plan.json is not the plan its policy gives (1 difference)');
    expect(applied.stderr).toContain(
      `r53: create ${change.key} differs: after.body.ResourceRecords[0].Value "192.0.2.66" in the file, "203.0.113.10" from the policy`,
    );
    expect(published()).toBe(before);
    expect(published()).not.toContain('192.0.2.66');
  });

  it('an extra record outside the policy, and a dropped one', async () => {
    const plan = read();
    const changes = plan.providers[0]!.changes;
    const dropped = changes.pop()!;
    const extraKey = 'route53.rrset|evil.example.com.|A|tp:evil';
    changes.push({
      action: 'create',
      key: extraKey,
      after: {
        kind: 'route53.rrset',
        key: extraKey,
        body: {
          Name: 'evil.example.com.',
          Type: 'A',
          SetIdentifier: 'tp:evil',
          Weight: 1,
          TTL: 60,
          ResourceRecords: [{ Value: '192.0.2.1' }],
        },
      },
    });
    write(plan);
    const applied = await run('apply', 'plan.json', '--auto-approve');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('(2 differences)');
    expect(applied.stderr).toContain(`r53: create ${extraKey} is in the file only (the policy does not ask for it)`);
    expect(applied.stderr).toContain(`r53: create ${dropped.key} is missing from the file`);
    expect(published()).not.toContain('evil.example.com');
  });

  it('a removed safety section is named; safety is recomputed either way', async () => {
    const plan = read();
    delete plan.safety;
    write(plan);
    const applied = await run('apply', 'plan.json', '--auto-approve');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('PLAN.MISMATCH');
    expect(applied.stderr).toContain('the safety section was removed');
  });

  it('the untouched file applies; safety is judged on the recomputed plan, not on what the file says', async () => {
    copyFileSync(join(ROOT, 'examples', 'maintenance-drain.yaml'), join(dir, 'drain.yaml'));
    expect((await run('apply', 'drain.yaml', '--at', '2026-12-06T00:00Z', '--auto-approve')).code).toBe(0);
    // The drain moves more traffic than the default limit (30%): the file is edited to say it does not.
    expect((await run('plan', 'drain.yaml', '--at', '2026-12-06T03:00Z', '--out', 'drain.json')).code).toBe(0);
    const path = join(dir, 'drain.json');
    const plan = JSON.parse(readFileSync(path, 'utf8')) as { safety: { exceeded: string[]; limits: object } };
    expect(plan.safety.exceeded.length).toBeGreaterThan(0);
    plan.safety.exceeded = [];
    plan.safety.limits = { maxRecordDeletePercent: 100, maxTrafficMovePercent: 100 };
    writeFileSync(path, JSON.stringify(plan));
    const refused = await run('apply', 'drain.json', '--auto-approve');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PLAN.UNSAFE');
    const forced = await run('apply', 'drain.json', '--auto-approve', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect((await run('plan', 'drain.yaml', '--at', '2026-12-06T03:00Z', '--detailed-exitcode')).code).toBe(0);
  });

  it('solve flags beside a saved plan are a usage error (exit 64) before anything is read', async () => {
    for (const flags of [
      ['--at', '2026-12-06T00:00Z'],
      ['--down', 'aws-fra'],
      ['--down-cloud', 'azure'],
      ['--provider', 'r53'],
    ]) {
      const applied = await run('apply', 'plan.json', '--auto-approve', ...flags);
      expect(applied.code, flags.join(' ')).toBe(64);
      expect(applied.stderr).toContain('USAGE.CONFLICTING_OPTION');
      expect(applied.stderr).toContain(`${flags[0]} cannot be used with a saved plan`);
    }
    writeFileSync(join(dir, 'health.yaml'), 'aws-fra: down\n');
    const health = await run('apply', 'plan.json', '--auto-approve', '--health', 'health.yaml');
    expect(health.code).toBe(64);
    expect(published()).not.toContain('tp:');
  });

  it('a plan made with --latency keeps its file: applied with it, refused once the file changed', async () => {
    writeFileSync(join(dir, 'latency.csv'), 'geography,endpoint,ms\nDE,aws-use1,1\nDE,az-eus2,2\n');
    expect((await run('plan', 'policy.yaml', '--at', AT, '--latency', 'latency.csv', '--out', 'plan.json')).code).toBe(
      0,
    );
    expect((read() as Saved & { latency?: { file: string } }).latency?.file).toBe('latency.csv');
    writeFileSync(join(dir, 'latency.csv'), 'geography,endpoint,ms\nDE,aws-use1,90\nDE,az-eus2,2\n');
    const stale = await run('apply', 'plan.json', '--auto-approve');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('PLAN.STALE latency.csv changed since the plan was made');
    writeFileSync(join(dir, 'latency.csv'), 'geography,endpoint,ms\nDE,aws-use1,1\nDE,az-eus2,2\n');
    const applied = await run('apply', 'plan.json', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
  });

  it("a plan made with the policy's own latencyFile hashes it too: a changed file is stale, not a mismatch", async () => {
    mkdirSync(join(dir, 'conf'));
    const policy = readFileSync(join(dir, 'policy.yaml'), 'utf8').replace(
      'geography: { prefer: nearest, maxLatencyMs: 150, minEndpoints: 2 }',
      'geography: { prefer: nearest, maxLatencyMs: 150, minEndpoints: 2, latencyFile: latency.csv }',
    );
    expect(policy).toContain('latencyFile');
    // The policy in another directory than the run's: the file is the policy's to resolve.
    writeFileSync(join(dir, 'conf', 'policy.yaml'), policy);
    writeFileSync(join(dir, 'conf', 'latency.csv'), 'geography,endpoint,ms\nDE,aws-use1,1\nDE,az-eus2,2\n');
    expect((await run('plan', 'conf/policy.yaml', '--at', AT, '--out', 'plan.json')).code).toBe(0);
    expect((read() as Saved & { latency?: unknown }).latency).toEqual({
      file: 'latency.csv',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      from: 'policy',
    });
    writeFileSync(join(dir, 'conf', 'latency.csv'), 'geography,endpoint,ms\nDE,aws-use1,90\nDE,az-eus2,2\n');
    const stale = await run('apply', 'plan.json', '--auto-approve');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('PLAN.STALE latency.csv changed since the plan was made');
    expect(stale.stderr).not.toContain('PLAN.MISMATCH');
    writeFileSync(join(dir, 'conf', 'latency.csv'), 'geography,endpoint,ms\nDE,aws-use1,1\nDE,az-eus2,2\n');
    const applied = await run('apply', 'plan.json', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
  });
});
