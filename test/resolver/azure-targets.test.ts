/**
 * `verify` on Azure compares what each endpoint points to, not only its name: an external endpoint
 * retargeted or renamed by hand (here through the real Traffic Manager SDK client) is a mismatch,
 * and `verify` exits 1. Where the plan cannot be published exactly and the apply accepted that,
 * `verify` holds the provider to the closest form trafficport publishes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { endpointIdentifier } from '../../src/resolver/azure-evaluate.js';
import { runCli } from '../support/run-cli.js';

const SUB = '11111111-2222-3333-4444-555555555555';
const POLICY = `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: ${SUB}, resourceGroup: dns-rg, backend: mock, trafficManager: { resourceGroup: tm-rg } }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
`;
const AT = '2026-12-01T00:00Z';

function workspace(text = POLICY): string {
  const dir = mkdtempSync(join(tmpdir(), 'tp-verify-'));
  writeFileSync(join(dir, 'policy.yaml'), text);
  return dir;
}

function tm(dir: string): TrafficManagerManagementClient {
  const store = createAzureMockStore(join(dir, '.trafficport', 'mock', 'azure.json'));
  return new TrafficManagerManagementClient(
    createMockCredential(),
    SUB,
    inProcessClientOptions(createAzureMockHandler({ store })),
  );
}

/**
 * A shared Weighted profile (a split), and one of its Enabled external endpoints: one that answers
 * while everything is healthy. (The shared Priority profiles of the default failover backups hold
 * Enabled endpoints too, but those answer only when the split is down.)
 */
async function enabledEndpoint(client: TrafficManagerManagementClient) {
  for await (const profile of client.profiles.listByResourceGroup('tm-rg')) {
    if (!profile.name?.startsWith('tp-w-') || profile.trafficRoutingMethod !== 'Weighted') continue;
    const endpoint = profile.endpoints?.find((e) => e.endpointStatus === 'Enabled');
    if (endpoint !== undefined) return { profile: profile.name, endpoint };
  }
  throw new Error('no shared profile with an enabled endpoint');
}

async function published(dir: string) {
  const applied = await runCli(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], { cwd: dir });
  expect(applied.code, applied.stderr).toBe(0);
  const verified = await runCli(['verify', 'policy.yaml', '--at', AT], { cwd: dir });
  expect(verified.code, verified.stdout).toBe(0);
}

describe('verify compares what Azure endpoints point to', () => {
  it('an endpoint retargeted by hand through the SDK is a mismatch: verify exits 1 and names the new target', async () => {
    const dir = workspace();
    await published(dir);
    const client = tm(dir);
    const { profile, endpoint } = await enabledEndpoint(client);
    // Same name, same weight: only the address changed.
    await client.endpoints.update('tm-rg', profile, 'ExternalEndpoints', endpoint.name!, { target: '192.0.2.99' });
    const verified = await runCli(['verify', 'policy.yaml', '--at', AT, '--json'], { cwd: dir });
    expect(verified.code).toBe(1);
    const report = JSON.parse(verified.stdout);
    const id = endpoint.name!.split('.')[0];
    const mismatch = report.providers[0].mismatches[0];
    expect(Object.keys(mismatch.published)).toContain(`${id}@192.0.2.99`);
    expect(mismatch.expected[id!]).toBeGreaterThan(0);
    // plan sees it too, and apply puts it back.
    expect((await runCli(['plan', 'policy.yaml', '--at', AT, '--detailed-exitcode'], { cwd: dir })).code).toBe(2);
    await published(dir);
  });

  it('an endpoint renamed by hand (same target) is a mismatch too', async () => {
    const dir = workspace();
    await published(dir);
    const client = tm(dir);
    const { profile, endpoint } = await enabledEndpoint(client);
    const current = await client.profiles.get('tm-rg', profile);
    const endpoints = (current.endpoints ?? []).map(({ id: _id, ...e }) =>
      e.name === endpoint.name ? { ...e, name: 'renamed' } : e,
    );
    await client.profiles.createOrUpdate('tm-rg', profile, { ...current, endpoints });
    const verified = await runCli(['verify', 'policy.yaml', '--at', AT], { cwd: dir });
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`renamed@${endpoint.target}`);
  });

  it('names an endpoint by its policy id only when the target is one of its addresses', () => {
    const result = loadPolicy(POLICY, 'p.yaml');
    if (!result.ok) throw new Error('policy');
    const identify = endpointIdentifier(result.policy);
    expect(identify('aws-fra.2', '203.0.113.21')).toBe('aws-fra');
    expect(identify('aws-fra.2', '203.0.113.20')).toBe('aws-fra');
    expect(identify('aws-fra.2', '198.51.100.20')).toBe('aws-fra@198.51.100.20');
    expect(identify('gone', '203.0.113.20')).toBe('gone@203.0.113.20');
  });
});

describe('verify after an accepted degradation', () => {
  const APEX = POLICY.replace('name: api.example.com', 'name: example.com');

  it('holds the provider to the closest form: exit 0 as published, exit 1 once changed by hand', async () => {
    const dir = workspace(APEX);
    const refused = await runCli(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PLAN.DEGRADED');
    expect(refused.stderr).toContain('at the zone apex');
    expect(refused.stderr).toMatch(/get only [a-z0-9-]+ instead of /);
    const applied = await runCli(['apply', 'policy.yaml', '--at', AT, '--auto-approve', '--accept-degraded'], {
      cwd: dir,
    });
    expect(applied.code, applied.stderr).toBe(0);
    const verified = await runCli(['verify', 'policy.yaml', '--at', AT], { cwd: dir });
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/of them as the closest form the provider can hold \(degraded\)/);
    const client = tm(dir);
    const root = await client.profiles.get('tm-rg', 'tp-example-com');
    const first = root.endpoints![0]!;
    await client.endpoints.update('tm-rg', 'tp-example-com', 'ExternalEndpoints', first.name!, {
      target: '192.0.2.98',
    });
    expect((await runCli(['verify', 'policy.yaml', '--at', AT], { cwd: dir })).code).toBe(1);
  });
});
