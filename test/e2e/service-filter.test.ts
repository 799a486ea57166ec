/**
 * `--service NAME…` narrows plan, apply and verify to those services' records (the split is
 * still solved for every service), and what an apply was made for bounds its resume and
 * rollback. Through the built CLI on the mock backend.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { assertBuilt, runBinary } from '../support/binary.js';

const AT = '2026-12-01T00:00Z';
const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], capacity: 6000 }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], capacity: 3000 }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20], capacity: 3000 }
services:
  - { name: shop.example.com, ttl: 60, endpoints: [aws-use1, aws-fra, az-weu], publish: [r53] }
  - { name: api.example.com, ttl: 60, endpoints: [aws-use1, aws-fra], publish: [r53] }
demand: { total: 6000 }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
`;

let dir: string;
const run = (...args: string[]) => runBinary(args, { cwd: dir });

interface PlanJson {
  services?: string[];
  providers: { changes: { key: string }[] }[];
}
const planOf = async (...args: string[]) =>
  JSON.parse((await run('plan', 'policy.yaml', '--at', AT, '--json', ...args)).stdout) as PlanJson;
const keys = (plan: PlanJson) => plan.providers.flatMap((p) => p.changes.map((c) => c.key));
/** Record sets trafficport owns under a service's name, from the mock's state file. */
function owned(service: string): number {
  const state = readMockStateFile<{
    zones: Record<string, { recordSets: { name: string; setIdentifier?: string }[] }>;
  }>(join(dir, '.trafficport', 'mock', 'route53.json'))!;
  return Object.values(state.zones).flatMap((zone) =>
    zone.recordSets.filter((set) => set.setIdentifier?.startsWith('tp:') && set.name.endsWith(`${service}.`)),
  ).length;
}

beforeAll(() => assertBuilt());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-service-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
});

describe('--service', () => {
  it('plan lists only the selected services’ records; an unknown name is a usage error', async () => {
    const all = keys(await planOf());
    const shop = await planOf('--service', 'shop.example.com');
    expect(shop.services).toEqual(['shop.example.com']);
    expect(keys(shop).length).toBeGreaterThan(0);
    expect(keys(shop).every((key) => key.includes('shop.example.com.'))).toBe(true);
    expect(keys(shop)).toEqual(all.filter((key) => key.includes('shop.example.com.')));
    const unknown = await run('plan', 'policy.yaml', '--service', 'shp.example.com');
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain("USAGE.UNKNOWN_SERVICE --service: the policy has no service 'shp.example.com'");
    expect(unknown.stderr).toContain('shop.example.com');
  });

  it('apply and verify touch only those services; the rest stays for a later apply', async () => {
    const applied = await run('apply', 'policy.yaml', '--at', AT, '--service', 'shop.example.com', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(owned('shop.example.com')).toBeGreaterThan(0);
    expect(owned('api.example.com')).toBe(0);
    expect((await run('verify', 'policy.yaml', '--at', AT, '--service', 'shop.example.com')).code).toBe(0);
    // Unselected, api.example.com is not published: verify of everything says so.
    expect((await run('verify', 'policy.yaml', '--at', AT)).code).toBe(1);
    const rest = keys(await planOf());
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((key) => key.includes('api.example.com.'))).toBe(true);
  });

  it('a saved plan keeps its services; --service beside it is a usage error', async () => {
    expect(
      (await run('plan', 'policy.yaml', '--at', AT, '--service', 'api.example.com', '--out', 'plan.json')).code,
    ).toBe(0);
    const conflicting = await run('apply', 'plan.json', '--service', 'shop.example.com', '--auto-approve');
    expect(conflicting.code).toBe(64);
    const applied = await run('apply', 'plan.json', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(owned('api.example.com')).toBeGreaterThan(0);
    expect(owned('shop.example.com')).toBe(0);
  });

  it('rolling back an apply made for one service restores that service only', async () => {
    expect(
      (await run('apply', 'policy.yaml', '--at', AT, '--service', 'shop.example.com', '--auto-approve')).code,
    ).toBe(0);
    const shop = owned('shop.example.com');
    expect((await run('apply', 'policy.yaml', '--at', AT, '--service', 'api.example.com', '--auto-approve')).code).toBe(
      0,
    );
    expect(owned('api.example.com')).toBeGreaterThan(0);
    const rolled = await run('rollback', 'policy.yaml', '--auto-approve', '--force');
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(owned('api.example.com')).toBe(0);
    expect(owned('shop.example.com')).toBe(shop);
  });

  it('rollback --service restores only those services of an apply made for all', async () => {
    expect((await run('apply', 'policy.yaml', '--at', AT, '--auto-approve')).code).toBe(0);
    const api = owned('api.example.com');
    expect(api).toBeGreaterThan(0);
    expect(owned('shop.example.com')).toBeGreaterThan(0);
    const unknown = await run('rollback', 'policy.yaml', '--service', 'nope.example.com', '--auto-approve');
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('USAGE.UNKNOWN_SERVICE');
    const rolled = await run('rollback', 'policy.yaml', '--service', 'shop.example.com', '--auto-approve', '--force');
    expect(rolled.code, rolled.stderr).toBe(0);
    // Before that apply, shop.example.com had nothing: its records go, api.example.com's stay.
    expect(owned('shop.example.com')).toBe(0);
    expect(owned('api.example.com')).toBe(api);
    expect((await run('verify', 'policy.yaml', '--at', AT, '--service', 'api.example.com')).code).toBe(0);
  });

  it('on Azure too: the other service, and the shared profiles it nests, stay published', async () => {
    writeFileSync(
      join(dir, 'azure.yaml'),
      POLICY.replace(
        '  r53: { type: route53, zone: example.com, backend: mock }',
        `  az:
    type: azure
    zone: example.com
    subscription: 00000000-0000-0000-0000-000000000000
    resourceGroup: dns
    backend: mock
    trafficManager: { resourceGroup: tm, profilePrefix: tp }`,
      ).replaceAll('publish: [r53]', 'publish: [az]'),
    );
    const azure = (...args: string[]) => run(args[0]!, 'azure.yaml', '--at', AT, ...args.slice(1));
    expect((await azure('apply', '--auto-approve')).code).toBe(0);
    expect((await azure('verify')).code).toBe(0);
    const rolled = await run('rollback', 'azure.yaml', '--service', 'shop.example.com', '--auto-approve', '--force');
    expect(rolled.code, rolled.stderr).toBe(0);
    expect((await azure('verify', '--service', 'api.example.com')).code).toBe(0);
    expect((await azure('verify', '--service', 'shop.example.com')).code).toBe(1);
    const rest = keys(JSON.parse((await azure('plan', '--json')).stdout) as PlanJson);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((key) => !key.includes('|api|'))).toBe(true);
  });
});
