import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { assertBuilt, runBinary, withoutNodeNote } from '../support/binary.js';

/**
 * The failover questions users ask, through the built binary on the mocks: `verify --down`
 * (what the published records give users if endpoints fail, without a re-plan) and `explain`
 * (what a sovereign geography gets when everything it may use is down).
 */

const policy = (checks: boolean) => `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock, healthChecks: ${checks} }
  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
services:
  - name: www.example.com
    endpoints: [aws-fra, az-weu, aws-use1, az-eus]
    publish: [r53, az]
rules:
  geography: { minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EU], allow: { jurisdiction: EU } }
`;

const AT = ['--at', '2026-12-06T03:00Z', '--state-dir', 'state'];
let dir: string;
const run = (...args: string[]) => runBinary([...args, ...AT], { cwd: dir });
const explain = (...args: string[]) => runBinary(['explain', ...args, '--at', '2026-12-06T03:00Z'], { cwd: dir });

interface FailoverJson {
  ok: boolean;
  down: string[];
  providers: {
    provider: string;
    checked: number;
    outside: unknown[];
    dead: { geo: string }[];
    closed: { geo: string; answers: Record<string, number> }[];
  }[];
}

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-failover-cli-'));
  writeFileSync(join(dir, 'policy.yaml'), policy(true));
  writeFileSync(join(dir, 'unchecked.yaml'), policy(false));
  const applied = await run('apply', 'policy.yaml', '--auto-approve');
  expect(applied.code, withoutNodeNote(applied.stderr)).toBe(0);
});

describe('verify --down and explain when all is down', { timeout: 600_000 }, () => {
  it('verify --down evaluates what is published with those endpoints failing', async () => {
    const one = await run('verify', 'policy.yaml', '--down', 'aws-fra', '--json');
    expect(one.code, withoutNodeNote(one.stderr)).toBe(0);
    const single = JSON.parse(one.stdout) as FailoverJson;
    expect(single.down).toEqual(['aws-fra']);
    const r53 = single.providers.find((p) => p.provider === 'r53')!;
    expect(r53.checked).toBeGreaterThan(200);
    expect(r53.outside).toEqual([]);
    expect(r53.dead).toEqual([]);

    const both = JSON.parse(
      (await run('verify', 'policy.yaml', '--down', 'aws-fra', 'az-weu', '--json')).stdout,
    ) as FailoverJson;
    expect(both.ok).toBe(true);
    for (const provider of both.providers) {
      expect(provider.outside).toEqual([]);
      // German users keep EU endpoints (fail closed) rather than crossing to the US ones.
      const de = provider.closed.find((c) => c.geo === 'DE');
      expect(de, provider.provider).toBeDefined();
      expect(Object.keys(de!.answers).every((id) => id === 'aws-fra' || id === 'az-weu')).toBe(true);
    }
    // Route 53 fails US users over nowhere (their endpoints are up); nobody outside the EU fails closed.
    expect(both.providers.find((p) => p.provider === 'r53')!.closed.every((c) => c.geo !== 'US')).toBe(true);

    const human = await run('verify', 'policy.yaml', '--down', 'aws-fra', 'az-weu');
    expect(human.stdout).toContain('0 answered outside their sovereignty rule');
    expect(human.stdout).toMatch(/fail closed: www\.example\.com [A-Z]{2} → aws-fra 50%, az-weu 50%/);
  });

  it('by default (trafficManager.failoverBackups) Traffic Manager moves users whose endpoints all fail to a live one they may use; with false they keep the dead ones', async () => {
    const text = policy(true).replace(
      'backend: mock }\nendpoints',
      'backend: mock, trafficManager: { failoverBackups: false } }\nendpoints',
    );
    expect(text).toContain('failoverBackups: false');
    writeFileSync(join(dir, 'off.yaml'), text);
    const off = (...args: string[]) =>
      runBinary([...args, '--at', '2026-12-06T03:00Z', '--state-dir', 'state-off'], { cwd: dir });
    const applied = await off('apply', 'off.yaml', '--auto-approve');
    expect(applied.code, withoutNodeNote(applied.stderr)).toBe(0);
    const down = ['--down', 'aws-use1', 'az-eus', '--json'];
    const withBackups = JSON.parse((await run('verify', 'policy.yaml', ...down)).stdout) as FailoverJson;
    const without = JSON.parse((await off('verify', 'off.yaml', ...down)).stdout) as FailoverJson;
    const az = (result: FailoverJson) => result.providers.find((p) => p.provider === 'az')!;
    // Without backups American users keep their two dead endpoints; with them (the default) nobody does.
    expect(az(without).dead.map((d) => d.geo)).toContain('US');
    expect(az(withBackups).dead).toEqual([]);
    expect(az(withBackups).outside).toEqual([]);
    // And German users, with their EU endpoints down, still fail closed inside the EU.
    const eu = JSON.parse(
      (await run('verify', 'policy.yaml', '--down', 'aws-fra', 'az-weu', '--json')).stdout,
    ) as FailoverJson;
    const de = az(eu).closed.find((c) => c.geo === 'DE');
    expect(Object.keys(de!.answers).sort()).toEqual(['aws-fra', 'az-weu']);
  });

  it('verify --down refuses an unknown endpoint before doing anything (exit 64)', async () => {
    const result = await run('verify', 'policy.yaml', '--down', 'aws-frx');
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("did you mean 'aws-fra'");
  });

  it('explain says what a sovereign geography gets when everything it may use is down', async () => {
    const result = await explain('policy.yaml', '--geo', 'DE', '--json');
    expect(result.code, withoutNodeNote(result.stderr)).toBe(0);
    const document = JSON.parse(result.stdout) as {
      whenAllDown: {
        provider: string;
        down: string[];
        answers: Record<string, number>;
        inside: boolean;
        monitored: boolean;
      }[];
    };
    expect(document.whenAllDown.map((a) => a.provider).sort()).toEqual(['az', 'r53']);
    for (const answer of document.whenAllDown) {
      expect(answer.down.sort()).toEqual(['aws-fra', 'az-weu']);
      expect(answer.inside).toBe(true);
      expect(answer.monitored).toBe(true);
      expect(Object.keys(answer.answers).sort()).toEqual(['aws-fra', 'az-weu']);
    }
    const human = await explain('policy.yaml', '--geo', 'DE');
    expect(human.stdout).toContain('if everything it may use is down');
    expect(human.stdout).toContain('r53: with aws-fra, az-weu all down it fails closed inside its sovereignty rules');
    const unchecked = await explain('unchecked.yaml', '--geo', 'DE');
    expect(unchecked.stdout).toContain(
      'r53: creates no health checks, so its answers do not change when endpoints fail',
    );
  });

  it('--health provider reads Traffic Manager endpoint monitoring too', async () => {
    const file = join(dir, 'state', 'mock', 'azure.json');
    const state = readMockStateFile<{
      profiles: Record<string, { endpoints: { name: string; properties: Record<string, unknown> }[] }>;
    }>(file)!;
    let degraded = 0;
    for (const profile of Object.values(state.profiles)) {
      for (const endpoint of profile.endpoints) {
        if (endpoint.name.split('.')[0] !== 'az-weu') continue;
        endpoint.properties.endpointMonitorStatus = 'Degraded';
        degraded++;
      }
    }
    expect(degraded).toBeGreaterThan(0);
    writeFileSync(file, JSON.stringify(state));
    const plan = await run('plan', 'policy.yaml', '--health', 'provider', '--json');
    expect(plan.code, withoutNodeNote(plan.stderr)).toBe(0);
    expect((JSON.parse(plan.stdout) as { overrides: { downEndpoints: string[] } }).overrides.downEndpoints).toEqual([
      'az-weu',
    ]);
  });
});
