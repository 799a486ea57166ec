import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateHealthCheckCommand,
  ListHealthChecksCommand,
  ListTagsForResourceCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/io/io.js';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { createRoute53Backend, route53StateFile } from '../../src/providers/route53/mock/index.js';
import { type PublishFlags, preparePublish } from '../../src/publish/prepare.js';
import { callerReference } from '../../src/render/route53-health.js';
import { inProcessClient } from '../providers/route53-mock-helpers.js';

/**
 * Route 53 health checks through plan and apply, on the mock through the real SDK client: created
 * once per endpoint and settings, attached to every weighted record of the endpoint, replaced when
 * the settings change, deleted when unused, counted against the quota before anything is written,
 * and foreign checks (other tools', other zones') never touched.
 */

const AT = '2026-12-06T03:00:00Z';
let dir: string;

function policy(options: { checks?: boolean; check?: string; quota?: number } = {}): string {
  const quota = options.quota === undefined ? '' : `, healthCheckQuota: ${options.quota}`;
  return `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock, healthChecks: ${options.checks ?? true}${quota} }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10, 203.0.113.11], aaaa: ['2001:db8::10'] }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], aaaa: ['2001:db8::20'] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
services:
  - name: www.example.com
    endpoints: [aws-use1, aws-fra, az-weu]
    publish: [r53]
${options.check === undefined ? '' : `    healthCheck: ${options.check}\n`}  - name: api.example.com
    endpoints: [aws-use1, aws-fra]
    publish: [r53]
${options.check === undefined ? '' : `    healthCheck: ${options.check}\n`}`;
}

function io(): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir, now: () => Date.parse(AT) };
}

const flags = (): PublishFlags => ({ at: AT, stateDir: join(dir, 'state') });

async function planAndApply(text: string) {
  writeFileSync(join(dir, 'p.yaml'), text);
  const prepared = await preparePublish('p.yaml', flags(), io());
  const target = prepared.targets[0]!;
  await target.adapter.apply(target.plan.changes, target.live);
  return target;
}

function client(): Route53Client {
  const backend = createRoute53Backend({ store: route53StateFile(join(dir, 'state', 'mock', 'route53.json')) });
  return inProcessClient(backend);
}

async function checks(sdk: Route53Client) {
  return (await sdk.send(new ListHealthChecksCommand({}))).HealthChecks ?? [];
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-hc-'));
});

describe('Route 53 health checks', { timeout: 600_000 }, () => {
  it('creates one check per endpoint and settings, attached to every weighted record of it', async () => {
    const target = await planAndApply(policy({ check: '{ protocol: https, path: /healthz, host: www.example.com }' }));
    const created = target.plan.changes.filter((c) => c.key.startsWith('route53.healthcheck|'));
    // One check per address (6), and one CALCULATED check per endpoint with several addresses (2).
    expect(created).toHaveLength(8);
    const sdk = client();
    const all = await checks(sdk);
    const calculated = all.filter((c) => c.HealthCheckConfig?.Type === 'CALCULATED');
    const listed = all.filter((c) => c.HealthCheckConfig?.Type !== 'CALCULATED');
    expect(listed.map((c) => c.HealthCheckConfig?.IPAddress).sort()).toEqual([
      '198.51.100.20',
      '2001:db8::10',
      '2001:db8::20',
      '203.0.113.10',
      '203.0.113.11',
      '203.0.113.20',
    ]);
    for (const check of all) expect(check.CallerReference).toMatch(/^tp-hc:[0-9a-f]{8}:[0-9a-f]{12}:/);
    for (const check of listed) {
      expect(check.CallerReference).toMatch(/^tp-hc:[0-9a-f]{8}:[0-9a-f]{12}:/);
      expect(check.HealthCheckConfig).toMatchObject({
        Type: 'HTTPS',
        Port: 443,
        ResourcePath: '/healthz',
        FullyQualifiedDomainName: 'www.example.com',
        EnableSNI: true,
      });
      const tags = await sdk.send(
        new ListTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: check.Id! }),
      );
      expect(tags.ResourceTagSet?.Tags).toContainEqual({ Key: 'trafficport:zone', Value: 'example.com' });
    }
    // Every weighted record (A and AAAA, both services) names its endpoint's check.
    const again = await preparePublish('p.yaml', flags(), io());
    expect(again.targets[0]!.plan.changes).toEqual([]);
    const byIp = new Map(listed.map((c) => [c.HealthCheckConfig?.IPAddress, c.Id]));
    // A multi-address endpoint's records name the CALCULATED check over exactly its addresses, healthy
    // while one of them is; a single-address endpoint's records name its one check, as before.
    const parentOf = (addresses: string[]) => {
      const children = addresses.map((address) => byIp.get(address)).sort();
      const parent = calculated.find(
        (c) => [...(c.HealthCheckConfig?.ChildHealthChecks ?? [])].sort().join() === children.join(),
      );
      expect(parent?.HealthCheckConfig?.HealthThreshold).toBe(1);
      return parent?.Id;
    };
    const idOf: Record<string, string | undefined> = {
      'tp:aws-use1': parentOf(['203.0.113.10', '203.0.113.11', '2001:db8::10']),
      'tp:aws-fra': parentOf(['203.0.113.20', '2001:db8::20']),
      'tp:az-weu': byIp.get('198.51.100.20'),
    };
    const state = readMockStateFile<{
      zones: Record<string, { recordSets: { setIdentifier?: string; weight?: number; healthCheckId?: string }[] }>;
    }>(join(dir, 'state', 'mock', 'route53.json'))!;
    const weightedSets = Object.values(state.zones).flatMap((z) => z.recordSets.filter((s) => s.weight !== undefined));
    expect(weightedSets.length).toBeGreaterThan(6);
    for (const set of weightedSets) expect(set.healthCheckId).toBe(idOf[set.setIdentifier!]);
  });

  it('replaces checks whose settings change, deletes unused ones, and never touches foreign checks', async () => {
    await planAndApply(policy({ check: '{ protocol: http }' }));
    const sdk = client();
    await sdk.send(
      new CreateHealthCheckCommand({
        CallerReference: 'someone-else',
        HealthCheckConfig: { Type: 'TCP', IPAddress: '192.0.2.1', Port: 22 },
      }),
    );
    // A trafficport check of another zone is as foreign as anyone's.
    await sdk.send(
      new CreateHealthCheckCommand({
        CallerReference: 'tp-hc:00000000:000000000000:x',
        HealthCheckConfig: { Type: 'TCP', IPAddress: '192.0.2.2', Port: 443 },
      }),
    );
    const target = await planAndApply(policy({ check: '{ protocol: tcp, port: 8443 }' }));
    const counts = target.plan.changes
      .filter((c) => c.key.startsWith('route53.healthcheck|'))
      .map((c) => c.action)
      .sort();
    expect(counts).toEqual([...Array(8).fill('create'), ...Array(8).fill('delete')]);
    const after = await checks(sdk);
    expect(after.map((c) => c.CallerReference).filter((r) => !r?.startsWith('tp-hc:0'))).toHaveLength(9);
    expect(after.filter((c) => c.HealthCheckConfig?.Type === 'TCP' && c.HealthCheckConfig.Port === 8443)).toHaveLength(
      6,
    );
    // Turning checks off detaches and deletes the owned ones; the foreign two stay.
    await planAndApply(policy({ checks: false }));
    expect((await checks(sdk)).map((c) => c.CallerReference).sort()).toEqual([
      'someone-else',
      'tp-hc:00000000:000000000000:x',
    ]);
    expect((await preparePublish('p.yaml', flags(), io())).targets[0]!.plan.changes).toEqual([]);
  });

  it('finds and deletes owned checks no record names (an interrupted apply), with healthChecks off too', async () => {
    const sdk = client();
    await planAndApply(policy({ checks: false }));
    // What an apply interrupted after CreateHealthCheck leaves: an owned CallerReference, no tags,
    // no record naming it. A foreign check beside it stays.
    const orphan = await sdk.send(
      new CreateHealthCheckCommand({
        CallerReference: callerReference('example.com', '0123456789ab', 'interrupted'),
        HealthCheckConfig: { Type: 'TCP', IPAddress: '203.0.113.10', Port: 443 },
      }),
    );
    await sdk.send(
      new CreateHealthCheckCommand({
        CallerReference: 'someone-else',
        HealthCheckConfig: { Type: 'TCP', IPAddress: '192.0.2.1', Port: 22 },
      }),
    );
    const target = await planAndApply(policy({ checks: false }));
    const deletes = target.plan.changes.filter((c) => c.key.startsWith('route53.healthcheck|'));
    expect(deletes.map((c) => c.action)).toEqual(['delete']);
    const left = await checks(sdk);
    expect(left.map((c) => c.CallerReference)).toEqual(['someone-else']);
    expect(left.map((c) => c.Id)).not.toContain(orphan.HealthCheck!.Id);
    expect((await preparePublish('p.yaml', flags(), io())).targets[0]!.plan.changes).toEqual([]);
  });

  it('counts checks against the account quota, foreign ones included, and fails in plan before exceeding it', async () => {
    const sdk = client();
    await planAndApply(policy({ checks: false }));
    await sdk.send(
      new CreateHealthCheckCommand({
        CallerReference: 'someone-else',
        HealthCheckConfig: { Type: 'TCP', IPAddress: '192.0.2.1', Port: 22 },
      }),
    );
    // Every check counts: 6 per-address checks and 2 CALCULATED ones.
    writeFileSync(join(dir, 'p.yaml'), policy({ quota: 8 }));
    await expect(preparePublish('p.yaml', flags(), io())).rejects.toMatchObject({
      code: 'PROVIDER.QUOTA',
      message: expect.stringContaining('the plan needs 9 (r53: 8, others already there: 1), 1 over the quota of 8'),
    });
    expect(await checks(sdk)).toHaveLength(1);
    writeFileSync(join(dir, 'p.yaml'), policy({ quota: 9 }));
    const prepared = await preparePublish('p.yaml', flags(), io());
    expect(prepared.targets[0]!.plan.quota).toMatchObject({ limit: 9, total: 9, provider: 8 });
  });
});
