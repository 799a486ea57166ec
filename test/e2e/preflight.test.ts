/**
 * Plan is the preflight: what apply would be refused for is found by `plan` (exit 1, with its
 * code and a fix) and checked by apply for every provider before it writes to any. Through the
 * built CLI on the file-backed mocks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { assertBuilt, runBinary } from '../support/binary.js';
import { MOCK_SUBSCRIPTION, route53ZoneId, stateFileClients } from '../support/state-file-clients.js';

const AT = '2026-12-01T00:00Z';
const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.eu, backend: mock }
  azdns:
    type: azure
    zone: example.eu
    subscription: ${MOCK_SUBSCRIPTION}
    resourceGroup: dns-prod
    backend: mock
    trafficManager: { resourceGroup: traffic-prod, profilePrefix: tp }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], capacity: 5000 }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], capacity: 8000 }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20], capacity: 5000 }
services:
  - { name: api.example.eu, ttl: 60, endpoints: [aws-fra, aws-use1, az-weu], publish: [r53, azdns] }
demand: { total: 10000 }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
`;

let dir: string;
const run = (args: string[], env: Record<string, string> = {}) => runBinary(args, { cwd: dir, env });
const mockDir = () => join(dir, '.trafficport', 'mock');

/** Record sets trafficport owns at Route 53, read from the mock's state file. */
function ownedAtRoute53(): number {
  const state = readMockStateFile<{
    zones: Record<string, { recordSets: { setIdentifier?: string }[] }>;
  }>(join(mockDir(), 'route53.json'))!;
  return Object.values(state.zones).flatMap((z) => z.recordSets.filter((s) => s.setIdentifier?.startsWith('tp:')))
    .length;
}

async function plantRoute53(name: string, type: 'A' | 'CNAME', value: string): Promise<void> {
  const client = stateFileClients(dir).route53;
  const id = await route53ZoneId(client, 'example.eu');
  await client.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: id,
      ChangeBatch: {
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: { Name: name, Type: type, TTL: 60, ResourceRecords: [{ Value: value }] },
          },
        ],
      },
    }),
  );
}

beforeAll(() => assertBuilt());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tp-preflight-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  // A first plan makes the mock zones (nothing of trafficport's is written by a plan).
  expect((await run(['plan', 'policy.yaml', '--at', AT])).code).toBe(0);
});

describe('foreign records in the way', () => {
  it('a foreign record at Route 53: plan exits 1 with the code and a fix, and writes nothing', async () => {
    await plantRoute53('api.example.eu', 'A', '192.0.2.1');
    const planned = await run(['plan', 'policy.yaml', '--at', AT, '--detailed-exitcode']);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('PROVIDER.FOREIGN_RECORD');
    expect(planned.stderr).toContain('A api.example.eu. blocks A');
    expect(planned.stderr).toMatch(/hint: .*delete or rename those records/);
    expect(ownedAtRoute53()).toBe(0);
  });

  it('a foreign record at Azure: plan exits 1, and apply writes to no provider (Route 53 included)', async () => {
    await stateFileClients(dir).dns.recordSets.createOrUpdate('dns-prod', 'example.eu', 'api', 'CNAME', {
      ttl: 60,
      cnameRecord: { cname: 'elsewhere.example.net' },
    });
    const planned = await run(['plan', 'policy.yaml', '--at', AT]);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('PROVIDER.FOREIGN_RECORD');
    const applied = await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('PROVIDER.FOREIGN_RECORD');
    expect(ownedAtRoute53()).toBe(0);
  });
});

describe('provider limits', () => {
  it("the zone's record quota (GetHostedZoneLimit) is a plan error, and apply writes nothing", async () => {
    const limits = { TRAFFICPORT_MOCK_LIMITS: JSON.stringify({ route53: { maxRecordSetsPerZone: 10 } }) };
    const planned = await run(['plan', 'policy.yaml', '--at', AT, '--provider', 'r53'], limits);
    expect(planned.code).toBe(1);
    const counts = await run(['plan', 'policy.yaml', '--at', AT, '--provider', 'r53', '--json']);
    const creates = (JSON.parse(counts.stdout) as { providers: { counts: { create: number } }[] }).providers[0]!.counts
      .create;
    // The zone holds its SOA and NS sets: 2 + the plan's creates, against the quota of 10.
    expect(planned.stderr).toContain(
      `error PROVIDER.ZONE_QUOTA hosted zone example.eu would hold ${2 + creates} record sets (2 now, ${creates} more), ${2 + creates - 10} over its quota of 10 (GetHostedZoneLimit MAX_RRSETS_BY_ZONE)`,
    );
    const applied = await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], limits);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('PROVIDER.ZONE_QUOTA');
    expect(ownedAtRoute53()).toBe(0);
    // With the documented quota (10,000) the same plan is fine.
    expect((await run(['plan', 'policy.yaml', '--at', AT, '--provider', 'r53'])).code).toBe(0);
  });

  it('more than 100 weighted record sets at one name and type is a plan error', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `e${i}`);
    const endpoints = ids
      .map(
        (id, i) =>
          `  ${id}: { cloud: aws, region: us-east-1, a: [10.0.${Math.floor(i / 250)}.${(i % 250) + 1}], capacity: 100 }`,
      )
      .join('\n');
    writeFileSync(
      join(dir, 'wide.yaml'),
      `version: 1
providers:
  r53: { type: route53, zone: example.eu, backend: mock }
endpoints:
${endpoints}
services:
  - { name: wide.example.eu, ttl: 60, endpoints: [${ids.join(', ')}], publish: [r53] }
demand: { total: 10000 }
rules:
  geography: { prefer: nearest, minEndpoints: 101 }
`,
    );
    const planned = await run(['plan', 'wide.yaml', '--at', AT]);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('error PROVIDER.LIMIT Route 53 would refuse the plan for example.eu:');
    expect(planned.stderr).toMatch(
      /wide\.example\.eu\. A: 101 weighted record sets; Route 53 allows 100 per name and type/,
    );
    const applied = await run(['apply', 'wide.yaml', '--at', AT, '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('PROVIDER.LIMIT');
    expect(ownedAtRoute53()).toBe(0);
  });
});
