import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListHealthChecksCommand, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoute53Backend, mockClientIp, route53StateFile } from '../../src/providers/route53/mock/index.js';
import { inProcessClient } from '../providers/route53-mock-helpers.js';
import { assertBuilt, runBinary, withoutNodeNote } from '../support/binary.js';

/**
 * End to end on the Route 53 mock, the built binary publishing and the real SDK asking: an
 * endpoint's health check fails, TestDNSAnswer stops answering with it with no trafficport run in
 * between, `plan --health provider` then drains it, and it comes back once the check passes.
 */

const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock, healthChecks: true }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
services:
  - name: www.example.com
    endpoints: [aws-fra, az-weu, aws-use1]
    publish: [r53]
    healthCheck: { protocol: https, path: /healthz, interval: 10, failureThreshold: 2 }
rules:
  geography: { minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EU], allow: { jurisdiction: EU } }
`;

const AT = ['--at', '2026-12-06T03:00Z'];
let dir: string;
const run = (...args: string[]) => runBinary([...args, ...AT, '--state-dir', 'state'], { cwd: dir });

function mock() {
  const backend = createRoute53Backend({ store: route53StateFile(join(dir, 'state', 'mock', 'route53.json')) });
  return { backend, client: inProcessClient(backend) };
}

async function answersFor(country: string, queries = 24): Promise<Set<string>> {
  const { client } = mock();
  const zone = Object.keys((await mock().backend.store.read()).zones)[0]!;
  const seen = new Set<string>();
  for (let i = 0; i < queries; i++) {
    const answer = await client.send(
      new TestDNSAnswerCommand({
        HostedZoneId: zone,
        RecordName: 'www.example.com',
        RecordType: 'A',
        EDNS0ClientSubnetIP: mockClientIp(country),
      }),
    );
    for (const value of answer.RecordData ?? []) seen.add(value);
  }
  return seen;
}

async function setHealth(ip: string, healthy: boolean): Promise<void> {
  const { backend, client } = mock();
  const checks = (await client.send(new ListHealthChecksCommand({}))).HealthChecks ?? [];
  const check = checks.find((c) => c.HealthCheckConfig?.IPAddress === ip);
  await backend.setHealthCheckStatus(check!.Id!, healthy);
}

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-failover-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
});

describe('failover end to end', { timeout: 600_000 }, () => {
  it('moves answers away from a failing endpoint at once, drains it on the next plan, and restores it', async () => {
    const applied = await run('apply', 'policy.yaml', '--auto-approve');
    expect(applied.code, withoutNodeNote(applied.stderr)).toBe(0);
    expect(await answersFor('DE')).toEqual(new Set(['203.0.113.20', '198.51.100.20']));

    // aws-fra's check fails: Route 53 alone answers German users with az-weu only.
    await setHealth('203.0.113.20', false);
    expect(await answersFor('DE')).toEqual(new Set(['198.51.100.20']));
    // Every EU endpoint down: German users stay in the EU (fail closed), US users fail over.
    await setHealth('198.51.100.20', false);
    const closed = await answersFor('DE');
    expect([...closed].every((ip) => ['203.0.113.20', '198.51.100.20'].includes(ip))).toBe(true);
    await setHealth('198.51.100.20', true);

    // The next plan reads the checks and drains aws-fra properly.
    const plan = await run('plan', 'policy.yaml', '--health', 'provider', '--json');
    expect(plan.code, withoutNodeNote(plan.stderr)).toBe(0);
    const document = JSON.parse(plan.stdout) as {
      overrides: { downEndpoints: string[] };
      providers: { moves: unknown[] }[];
    };
    expect(document.overrides.downEndpoints).toEqual(['aws-fra']);
    expect(document.providers[0]!.moves.length).toBeGreaterThan(0);
    const drained = await run('apply', 'policy.yaml', '--health', 'provider', '--auto-approve', '--force');
    expect(drained.code, withoutNodeNote(drained.stderr)).toBe(0);
    await setHealth('203.0.113.20', true);
    // Drained: even healthy again, aws-fra gets nothing until a plan brings it back.
    expect(await answersFor('DE')).toEqual(new Set(['198.51.100.20']));
    const restored = await run('apply', 'policy.yaml', '--health', 'provider', '--auto-approve', '--force');
    expect(restored.code, withoutNodeNote(restored.stderr)).toBe(0);
    expect(await answersFor('DE')).toEqual(new Set(['203.0.113.20', '198.51.100.20']));
    const settled = await run('plan', 'policy.yaml', '--health', 'provider', '--detailed-exitcode');
    expect(settled.code).toBe(0);
  });
});
