/**
 * Traffic Manager's profile quota: 200 profiles per subscription by default, raisable through
 * Azure Support (Microsoft, "Traffic Manager limits", includes/traffic-manager-limits.md). The mock
 * enforces it; `plan` counts the profiles a plan needs against `trafficManager.profileQuota` and
 * refuses an overflow before anything is written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { runCli } from '../support/run-cli.js';
import { EXTERNAL, failure, inProcessClients, RG, weightedProfile } from './azure-mock-support.js';

const leaf = (name: string) => weightedProfile(name, [{ name: 'a', type: EXTERNAL, target: '203.0.113.1', weight: 1 }]);

describe('the mock enforces profiles per subscription', () => {
  it('refuses the create past the limit (configurable), accepts updates at the limit and other subscriptions', async () => {
    const backend = createAzureMockHandler({ limits: { profilesPerSubscription: 2 } });
    const clients = inProcessClients(backend);
    await clients.tm.profiles.createOrUpdate(RG, 'p1', leaf('p1'));
    await clients.tm.profiles.createOrUpdate('other-rg', 'p2', leaf('p2'));
    const refused = await failure(clients.tm.profiles.createOrUpdate(RG, 'p3', leaf('p3')));
    expect(refused).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(refused.message).toContain('has reached its limit of 2 Traffic Manager profiles');
    await clients.tm.profiles.createOrUpdate(RG, 'p1', { ...leaf('p1'), dnsConfig: { relativeName: 'p1', ttl: 30 } });
    const elsewhere = new TrafficManagerManagementClient(
      createMockCredential(),
      '99999999-0000-0000-0000-000000000000',
      inProcessClientOptions(backend),
    );
    await elsewhere.profiles.createOrUpdate(RG, 'p3', leaf('p3-elsewhere'));
  });

  it('defaults to 200', async () => {
    const clients = inProcessClients(createAzureMockHandler());
    for (let i = 0; i < 200; i++) await clients.tm.profiles.createOrUpdate(RG, `p${i}`, leaf(`p${i}`));
    expect(await failure(clients.tm.profiles.createOrUpdate(RG, 'one-more', leaf('one-more')))).toMatchObject({
      statusCode: 400,
    });
  });
});

const SUB = '11111111-2222-3333-4444-555555555555';
function policy(quota: number | undefined, services: number): string {
  const lines = [
    'version: 1',
    'providers:',
    `  az: { type: azure, zone: example.com, subscription: ${SUB}, resourceGroup: dns-rg, backend: mock, trafficManager: { resourceGroup: tm-rg${quota === undefined ? '' : `, profileQuota: ${quota}`} } }`,
    'endpoints:',
    '  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }',
    '  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }',
    'services:',
    ...Array.from(
      { length: services },
      (_, i) => `  - { name: s${i}.example.com, ttl: 60, endpoints: [aws-fra, aws-use1], publish: [az] }`,
    ),
    'rules:',
    '  geography: { prefer: nearest, minEndpoints: 1 }',
  ];
  return `${lines.join('\n')}\n`;
}

function workspace(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tp-quota-'));
  writeFileSync(join(dir, 'policy.yaml'), text);
  return dir;
}

describe('trafficManager.profileQuota', () => {
  it('defaults to 200 and must be a positive integer', () => {
    const ok = loadPolicy(policy(undefined, 1), 'p.yaml');
    expect(
      ok.ok && ok.policy.providers[0]!.type === 'azure' && ok.policy.providers[0]!.trafficManager.profileQuota,
    ).toBe(200);
    const bad = loadPolicy(policy(0, 1), 'p.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostics[0]!.path).toBe('providers.az.trafficManager.profileQuota');
  });
});

/**
 * What the policy below needs: each service one Geographic root with two splits (Europe → aws-fra,
 * elsewhere → aws-use1, one target each). With failover backups (the default) each split also sits
 * under a Priority profile whose backup is the other endpoint (no sovereignty rule forbids it); the
 * two Priority profiles have the same content for every service, so they are shared: n services
 * need n + 2 profiles.
 */
const needed = (services: number) => services + 2;

describe('plan counts Traffic Manager profiles against the quota', () => {
  it('shows each service’s profiles and the subscription’s count within the quota', async () => {
    const dir = workspace(policy(needed(3), 3));
    const planned = await runCli(['plan', 'policy.yaml', '--at', '2026-12-01T00:00Z'], { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/s0\.example\.com: .*; 3 Traffic Manager profiles \(1 its own\)/);
    expect(planned.stdout).toContain(
      `Traffic Manager profiles in Azure subscription ${SUB}: 5 of 5 after this plan (az holds 5)`,
    );
    const json = JSON.parse((await runCli(['plan', 'policy.yaml', '--json'], { cwd: dir })).stdout);
    expect(json.providers[0].quota).toEqual({
      scope: `Traffic Manager profiles in Azure subscription ${SUB}`,
      limit: 5,
      total: 5,
      provider: 5,
    });
    // failoverBackups: false spends only the roots (the Priority profiles are what the default adds).
    writeFileSync(
      join(dir, 'off.yaml'),
      policy(3, 3).replace(
        'trafficManager: { resourceGroup: tm-rg',
        'trafficManager: { failoverBackups: false, resourceGroup: tm-rg',
      ),
    );
    const off = await runCli(['plan', 'off.yaml', '--at', '2026-12-01T00:00Z'], { cwd: dir });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toContain('s0.example.com: 3 record sets and Traffic Manager endpoints');
    expect(off.stdout).toMatch(/s0\.example\.com: .*; 1 Traffic Manager profile \(1 its own\)/);
    expect(off.stdout).toContain(
      `Traffic Manager profiles in Azure subscription ${SUB}: 3 of 3 after this plan (az holds 3)`,
    );
  });

  it('fails a plan that overflows the quota with a clear error naming the overflow, before anything is written', async () => {
    const dir = workspace(policy(needed(4) - 1, 4));
    const planned = await runCli(['plan', 'policy.yaml', '--at', '2026-12-01T00:00Z'], { cwd: dir });
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('PROVIDER.QUOTA');
    expect(planned.stderr).toContain(
      `Traffic Manager profiles in Azure subscription ${SUB}: the plan needs 6 (az: 6), 1 over the quota of 5`,
    );
    expect(planned.stderr).toContain('trafficManager.profileQuota');
    const applied = await runCli(['apply', 'policy.yaml', '--auto-approve'], { cwd: dir });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('PROVIDER.QUOTA');
    const clients = azureClients(dir);
    const profiles = [];
    for await (const p of clients.tm.profiles.listBySubscription()) profiles.push(p.name);
    expect(profiles).toEqual([]);
  });

  it('counts profiles already in the resource group that are not trafficport’s', async () => {
    const dir = workspace(policy(needed(4), 4));
    expect((await runCli(['plan', 'policy.yaml'], { cwd: dir })).code).toBe(0);
    await azureClients(dir).tm.profiles.createOrUpdate('tm-rg', 'someone-elses', leaf('someone-elses'));
    const planned = await runCli(['plan', 'policy.yaml'], { cwd: dir });
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('the plan needs 7 (az: 6, others already there: 1), 1 over the quota of 6');
  });

  it('applies within the quota on the mock, whose subscription allows what the policy declares', async () => {
    const dir = workspace(policy(250, 201));
    const applied = await runCli(['apply', 'policy.yaml', '--at', '2026-12-01T00:00Z', '--auto-approve'], { cwd: dir });
    expect(applied.code, applied.stderr).toBe(0);
    expect((await runCli(['plan', 'policy.yaml', '--detailed-exitcode'], { cwd: dir })).code).toBe(0);
  }, 600_000);
});

function azureClients(dir: string) {
  const options = inProcessClientOptions(
    createAzureMockHandler({ store: createAzureMockStore(join(dir, '.trafficport', 'mock', 'azure.json')) }),
  );
  return {
    dns: new DnsManagementClient(createMockCredential(), SUB, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
  };
}
