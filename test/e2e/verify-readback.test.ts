/**
 * What was written is checked: apply reads the records back and holds them to the plan, and
 * verify checks every record type with the same comparison. Through the built CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeResourceRecordSetsCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { createRoute53Backend, mockRequestHandler, route53StateFile } from '../../src/providers/route53/mock/index.js';
import { assertBuilt, runBinary } from '../support/binary.js';

const AT = '2026-12-01T00:00Z';
const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], aaaa: ["2001:db8::10"], capacity: 6000 }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], aaaa: ["2001:db8::20"], capacity: 3000 }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20], aaaa: ["2001:db8::30"], capacity: 3000 }
services:
  - { name: shop.example.com, ttl: 60, endpoints: [aws-use1, aws-fra, az-weu], publish: [r53] }
demand: { total: 8000 }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
`;

let dir: string;
const run = (args: string[], env: Record<string, string> = {}) => runBinary(args, { cwd: dir, env });

function route53(): Route53Client {
  return new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    requestHandler: mockRequestHandler(
      createRoute53Backend({ store: route53StateFile(join(dir, '.trafficport', 'mock', 'route53.json')) }),
    ),
  });
}

beforeAll(() => assertBuilt());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-readback-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
});

describe('apply reads back what it wrote', () => {
  it('a mock that drops a write: apply exits 1 with the geographies that do not answer as planned', async () => {
    const drop = {
      TRAFFICPORT_MOCK_FAULTS: JSON.stringify({ route53: { dropEvery: 1, operations: ['ChangeResourceRecordSets'] } }),
    };
    const applied = await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], drop);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(
      /error APPLY\.VERIFY_FAILED the apply finished, but reading the records back, \d+ geographies do not answer as planned:/,
    );
    // Nothing was kept, so every geography gets no answer: the published side is empty.
    expect(applied.stderr).toMatch(/r53: shop\.example\.com A \S+: published \{\}, planned \{.+\} \(off by 100%\)/);
    // The next apply, without the fault, writes what is missing and its read-back agrees.
    const again = await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve']);
    expect(again.code, again.stderr).toBe(0);
    expect((await run(['verify', 'policy.yaml', '--at', AT])).code).toBe(0);
  });
});

describe('apply --resume reads back what it wrote', () => {
  it('a resume whose writes are dropped exits 1 with the records that differ; a clean resume passes', async () => {
    const failing = {
      TRAFFICPORT_MOCK_FAULTS: JSON.stringify({ route53: { failEvery: 1, operations: ['ChangeResourceRecordSets'] } }),
    };
    const drop = {
      TRAFFICPORT_MOCK_FAULTS: JSON.stringify({ route53: { dropEvery: 1, operations: ['ChangeResourceRecordSets'] } }),
    };
    const failed = await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], failing);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stdout).toContain('trafficport apply --resume policy.yaml');
    const resumed = await run(['apply', '--resume', 'policy.yaml'], drop);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
    expect(resumed.stderr).toMatch(
      /error APPLY\.VERIFY_FAILED the resumed apply finished, but reading the records back, \d+ records are not as it wrote them:/,
    );
    expect(resumed.stderr).toMatch(/r53: route53\.rrset\|shop\.example\.com\.\|AA?A?A?\|\S+ missing/);
    // Every record the resume created was lost: as many missing as its batches changed.
    const written = [...resumed.stderr.matchAll(/batch \d+\/\d+ \((\d+) changes?\)/g)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
    expect(resumed.stderr).toContain(`back, ${written} records are not as it wrote them`);

    // Interrupted again, then resumed without the fault: its read-back agrees and it exits 0.
    expect((await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], failing)).code).toBe(1);
    const clean = await run(['apply', '--resume', 'policy.yaml']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect((await run(['verify', 'policy.yaml', '--at', AT])).code).toBe(0);
  });
});

describe('verify checks every record type', () => {
  it('drift in AAAA alone is a mismatch (exit 1), named with its type', async () => {
    expect((await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve'])).code).toBe(0);
    const clean = await run(['verify', 'policy.yaml', '--at', AT]);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('(A, AAAA; within');

    // Another writer turns one AAAA weighted record of a group with two endpoints to weight 0.
    const client = route53();
    const zones = await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }));
    const zoneId = zones.HostedZones![0]!.Id!.replace('/hostedzone/', '');
    const sets = (await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300 })))
      .ResourceRecordSets!;
    const aaaa = sets.filter((s) => s.Type === 'AAAA' && s.Weight !== undefined && s.Weight > 0);
    const target = aaaa.find((s) => aaaa.some((o) => o !== s && o.Name === s.Name))!;
    expect(target).toBeDefined();
    await client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { ...target, Weight: 0 } }] },
      }),
    );
    const state = JSON.stringify(readMockStateFile(join(dir, '.trafficport', 'mock', 'route53.json')));
    expect(state).toContain('"weight":0');

    const verified = await run(['verify', 'policy.yaml', '--at', AT]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/✗ r53: \d+ of \d+ geographies differ from the plan/);
    expect(verified.stdout).toMatch(/shop\.example\.com AAAA \S+: published/);
    expect(verified.stdout).not.toMatch(/shop\.example\.com A \S+: published/);
    const json = JSON.parse((await run(['verify', 'policy.yaml', '--at', AT, '--json'])).stdout) as {
      providers: { mismatches: { type: string }[] }[];
    };
    expect(new Set(json.providers[0]!.mismatches.map((m) => m.type))).toEqual(new Set(['AAAA']));
  });
});
