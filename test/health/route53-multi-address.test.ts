import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListHealthChecksCommand, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/io/io.js';
import { createRoute53Backend, mockClientIp, route53StateFile } from '../../src/providers/route53/mock/index.js';
import { type PublishFlags, preparePublish } from '../../src/publish/prepare.js';
import { resourceValues } from '../../src/ui/text/resource-values.js';
import { inProcessClient } from '../providers/route53-mock-helpers.js';
import { runCli } from '../support/run-cli.js';

/**
 * An endpoint with several addresses on Route 53, through plan and apply on the mock with the real
 * SDK client: one check per address combined by a CALCULATED check (healthy while one address is),
 * so one dead address keeps the endpoint answering, all dead fail it over, `--health provider`
 * reads it the same way, and turning checks off deletes parents before children.
 */

const AT = '2026-12-06T03:00:00Z';
let dir: string;

function policy(checks = true): string {
  return `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock, healthChecks: ${checks} }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
services:
  - name: www.example.com
    endpoints: [aws-fra, az-weu]
    publish: [r53]
`;
}

function io(): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir, now: () => Date.parse(AT) };
}

const flags = (health?: string): PublishFlags => ({
  at: AT,
  stateDir: join(dir, 'state'),
  ...(health ? { health } : {}),
});

async function prepare(text: string, health?: string) {
  writeFileSync(join(dir, 'p.yaml'), text);
  return preparePublish('p.yaml', flags(health), io());
}

async function planAndApply(text: string) {
  const prepared = await prepare(text);
  const target = prepared.targets[0]!;
  await target.adapter.apply(target.plan.changes, target.live);
  return target;
}

function mock() {
  const backend = createRoute53Backend({ store: route53StateFile(join(dir, 'state', 'mock', 'route53.json')) });
  return { backend, client: inProcessClient(backend) };
}

async function listed() {
  return (await mock().client.send(new ListHealthChecksCommand({}))).HealthChecks ?? [];
}

async function setHealth(ip: string, healthy: boolean): Promise<void> {
  const check = (await listed()).find((c) => c.HealthCheckConfig?.IPAddress === ip);
  await mock().backend.setHealthCheckStatus(check!.Id!, healthy);
}

/** Every value set Route 53 answers for www (any location), as "a,b" strings. */
async function answers(): Promise<Set<string>> {
  const distribution = await mock().backend.answerDistribution({ name: 'www.example.com', type: 'A', location: 'DE' });
  return new Set(distribution.outcomes.map((outcome) => [...outcome.recordData].sort().join(',')));
}

/** The values TestDNSAnswer (the real SDK call) gives a German client over a few queries. */
async function sampled(queries = 16): Promise<Set<string>> {
  const { backend, client } = mock();
  const zone = Object.keys((await backend.store.read()).zones)[0]!;
  const seen = new Set<string>();
  for (let i = 0; i < queries; i++) {
    const answer = await client.send(
      new TestDNSAnswerCommand({
        HostedZoneId: zone,
        RecordName: 'www.example.com',
        RecordType: 'A',
        EDNS0ClientSubnetIP: mockClientIp('DE'),
      }),
    );
    for (const value of answer.RecordData ?? []) seen.add(value);
  }
  return seen;
}

async function downEndpoints(): Promise<readonly string[]> {
  const prepared = await prepare(policy(), 'provider');
  return (prepared.splits.overrides as { downEndpoints?: readonly string[] }).downEndpoints ?? [];
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-hc-multi-'));
});

describe('Route 53 endpoint with several addresses', { timeout: 600_000 }, () => {
  it('stays while one address is healthy, fails over when all are down, and is read so by --health provider', async () => {
    const target = await planAndApply(policy());
    // Plan shows every check: two per-address checks and their CALCULATED parent, plus az-weu's one.
    const planned = target.plan.changes.filter((c) => c.key.startsWith('route53.healthcheck|'));
    expect(
      planned
        .map((c) => (c.action === 'delete' ? c.before : c.after).body as { Type: string })
        .map((b) => b.Type)
        .sort(),
    ).toEqual(['CALCULATED', 'TCP', 'TCP', 'TCP']);
    expect(target.plan.quota).toMatchObject({ provider: 4 });
    const parent = planned.find(
      (c) => c.action === 'create' && (c.after.body as { Type: string }).Type === 'CALCULATED',
    );
    const children = planned
      .filter((c) => c.action === 'create' && (c.after.body as { IPAddress?: string }).IPAddress?.startsWith('203.'))
      .map((c) => c.key.split('|')[1])
      .sort();
    expect(parent?.action === 'create' && resourceValues(parent.after)).toEqual([
      `CALCULATED: healthy while 1 of 2 checks are (${children.join(', ')})`,
    ]);
    const both = '203.0.113.20,203.0.113.21';
    // German users get aws-fra (both addresses, one answer); az-weu waits as a zero-weight backup.
    const healthy = await answers();
    expect(healthy.has(both)).toBe(true);

    await setHealth('203.0.113.20', false);
    expect(await answers()).toEqual(healthy);
    expect(await sampled()).toContain('203.0.113.21');
    expect(await downEndpoints()).toEqual([]);

    await setHealth('203.0.113.21', false);
    expect(await answers()).toEqual(new Set(['198.51.100.20']));
    expect(await sampled()).toEqual(new Set(['198.51.100.20']));
    expect(await downEndpoints()).toEqual(['aws-fra']);

    await setHealth('203.0.113.20', true);
    expect(await answers()).toEqual(healthy);
    expect(await downEndpoints()).toEqual([]);
  });

  it('turning checks off (cleanup) deletes the CALCULATED check before its children', async () => {
    await planAndApply(policy());
    expect(await listed()).toHaveLength(4);
    const off = await planAndApply(policy(false));
    expect(off.plan.changes.filter((c) => c.key.startsWith('route53.healthcheck|'))).toHaveLength(4);
    expect(await listed()).toEqual([]);
    expect((await prepare(policy(false))).targets[0]!.plan.changes).toEqual([]);
  });

  it('rollback deletes the CALCULATED check before its children, and recreates children first', async () => {
    let clock = Date.parse(AT);
    // A minute between commands: journals are named by the time they start.
    const cli = async (text: string, ...args: string[]) => {
      writeFileSync(join(dir, 'p.yaml'), text);
      clock += 60_000;
      const at = args[0] === 'apply' ? ['--at', AT] : [];
      const run = await runCli([...args, 'p.yaml', ...at, '--state-dir', 'state', '--auto-approve'], {
        cwd: dir,
        now: clock,
      });
      expect(run.code, run.stderr).toBe(0);
    };
    await cli(policy(false), 'apply');
    await cli(policy(), 'apply');
    expect(await listed()).toHaveLength(4);
    await cli(policy(), 'rollback');
    expect(await listed()).toEqual([]);
    await cli(policy(), 'apply');
    await cli(policy(false), 'apply');
    expect(await listed()).toEqual([]);
    await cli(policy(false), 'rollback');
    const restored = await listed();
    expect(restored.map((c) => c.HealthCheckConfig?.Type).sort()).toEqual(['CALCULATED', 'TCP', 'TCP', 'TCP']);
    expect((await prepare(policy())).targets[0]!.plan.changes).toEqual([]);
  });

  it('an address listed twice is refused before anything is planned (POLICY.DUPLICATE_ADDRESS)', async () => {
    await expect(
      prepare(policy().replace('203.0.113.20, 203.0.113.21', '203.0.113.20, 203.0.113.20')),
    ).rejects.toMatchObject({
      code: 'POLICY.INVALID',
      diagnostics: [expect.objectContaining({ code: 'POLICY.DUPLICATE_ADDRESS' })],
    });
  });
});
