import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureMockStore, createMockCredential, startAzureMock } from '../../src/providers/azure/mock/index.js';
import {
  createRoute53Backend,
  type Route53MockBackend,
  startRoute53Mock,
} from '../../src/providers/route53/mock/index.js';
import { MOCK_CREDENTIALS } from '../../src/providers/route53/sdk-client.js';
import { AZ_SUBSCRIPTION, azureProviderYaml } from '../support/azure-policy.js';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

/*
 * docs/permissions/*.json against what trafficport really calls: the commands run with real
 * backends (`backend: aws` / `azure`, the code path that needs credentials) against the mocks on
 * loopback, and every request is recorded. Read-only commands (plan, verify) must need exactly
 * the plan policy; writing commands (apply, a second apply that deletes, rollback) exactly the
 * apply policy. The permission a request needs is derived from the request (Route 53: the API
 * operation is the IAM action; ARM: the resource type path and the HTTP verb), not from a list
 * kept next to the code.
 */

const AT = Date.parse('2026-12-01T00:00:00Z');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-permissions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function documented(file: string): { actions: string[]; resources: string[] } {
  const text = JSON.parse(readFileSync(join(ROOT, 'docs', 'permissions', file), 'utf8')) as {
    Statement?: { Effect: string; Action: string[]; Resource: string }[];
    Actions?: string[];
  };
  if (text.Statement) {
    for (const statement of text.Statement) expect(statement.Effect).toBe('Allow');
    return {
      actions: text.Statement.flatMap((s) => s.Action),
      resources: text.Statement.map((s) => s.Resource),
    };
  }
  return { actions: text.Actions ?? [], resources: [] };
}

const sorted = (values: Iterable<string>) => [...new Set([...values].map((v) => v.toLowerCase()))].sort();

let clock = 0;
/** One command, a minute after the last (journals are named by time), state per provider type. */
async function cli(args: readonly string[], env: Record<string, string>, stateName?: string): Promise<void> {
  const state = join(dir, stateName ?? (env.TRAFFICPORT_AZURE_ENDPOINT ? 'azure-state' : 'route53-state'));
  const run = await runCli([...args, '--state-dir', state], { cwd: dir, env, now: AT + ++clock * 60_000 });
  expect(run.code, `${args.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
}

/**
 * A served Route 53 mock holding the zone example.com (with another tool's records at
 * checked.example.com), closed after `body`. Changes stay PENDING
 * for a moment, as on Route 53, so apply waits for them with GetChange.
 */
async function withRoute53Zone(
  reference: string,
  body: (served: { backend: Route53MockBackend; mock: { url: string }; zoneId: string }) => Promise<void>,
): Promise<void> {
  const backend = createRoute53Backend({ faults: { propagationMs: 100 } });
  const mock = await startRoute53Mock({ backend });
  try {
    const client = new Route53Client({ region: 'us-east-1', endpoint: mock.url, credentials: MOCK_CREDENTIALS });
    const created = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: reference }));
    const zoneId = created.HostedZone!.Id!.replace('/hostedzone/', '');
    // Another tool's weighted records at checked.example.com, one with its health check, which
    // `import` reads (GetHealthCheck) with `healthChecks` on or off.
    const check = await client.send(
      new CreateHealthCheckCommand({
        CallerReference: `other-tool-${reference}`,
        HealthCheckConfig: { Type: 'HTTPS', IPAddress: '203.0.113.10', Port: 443, ResourcePath: '/health' },
      }),
    );
    await client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: ['203.0.113.10', '203.0.113.20'].map((value, i) => ({
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'checked.example.com',
              Type: 'A',
              SetIdentifier: `other-${i}`,
              Weight: 1,
              TTL: 60,
              ResourceRecords: [{ Value: value }],
              ...(i === 0 ? { HealthCheckId: check.HealthCheck!.Id! } : {}),
            },
          })),
        },
      }),
    );
    await body({ backend, mock, zoneId });
  } finally {
    await mock.close();
  }
}

describe('Route 53 IAM policies (docs/permissions/route53-*.json)', () => {
  const policy = (extra: string, endpoints: string) => `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: aws${extra} }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
services:
  - { name: shop.example.com, ttl: 60, endpoints: [${endpoints}], publish: [r53] }
`;

  it('plan, verify, import (of records with health checks too) and adopt --dry-run need exactly the plan policy; apply, a deleting apply, rollback and adopt exactly the apply policy', async () => {
    await withRoute53Zone('setup', async ({ backend, mock, zoneId }) => {
      // Another tool's records, for import and adopt.
      const client = new Route53Client({ region: 'us-east-1', endpoint: mock.url, credentials: MOCK_CREDENTIALS });
      await client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Changes: ['203.0.113.10', '203.0.113.20'].map((value, i) => ({
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'www.example.com',
                Type: 'A',
                SetIdentifier: `hand-${i}`,
                Weight: i + 1,
                TTL: 60,
                ResourceRecords: [{ Value: value }],
              },
            })),
          },
        }),
      );
      writeFileSync(join(dir, 'r53.yaml'), policy('', 'aws-use1, aws-fra, az-weu'));
      writeFileSync(join(dir, 'r53-by-id.yaml'), policy(`, hostedZoneId: ${zoneId}`, 'aws-use1, aws-fra, az-weu'));
      writeFileSync(join(dir, 'r53-smaller.yaml'), policy('', 'aws-use1, aws-fra'));
      // Another service: a plan that adds records reads the zone's record quota.
      writeFileSync(
        join(dir, 'r53-another.yaml'),
        policy('', 'aws-use1, aws-fra, az-weu').replace('shop.example.com', 'cart.example.com'),
      );
      const env = { TRAFFICPORT_ROUTE53_ENDPOINT: mock.url };
      const calls = () => ({ ...backend.counters().calls }) as Record<string, number>;
      const during = async (commands: () => Promise<void>) => {
        const before = calls();
        await commands();
        const after = calls();
        return Object.keys(after).filter((op) => (after[op] ?? 0) > (before[op] ?? 0));
      };
      const writes = await during(async () => {
        await cli(['apply', 'r53.yaml', '--auto-approve'], env);
        await cli(['apply', 'r53-smaller.yaml', '--auto-approve', '--force'], env);
        await cli(['rollback', 'r53-smaller.yaml', '--auto-approve'], env);
        await cli(['apply', '--resume', 'r53.yaml'], env);
        await cli(['unlock', 'r53.yaml', '--yes'], env);
        await cli(['import', 'r53.yaml', '--service', 'www.example.com', '--out', 'adopted.yaml'], env);
        await cli(['adopt', 'adopted.yaml', '--service', 'www.example.com', '--auto-approve'], env);
        await cli(['rollback', 'adopted.yaml', '--auto-approve'], env);
      });
      // Read-only commands on the published estate (verify agrees with the plan there).
      const reads = await during(async () => {
        await cli(['plan', 'r53.yaml'], env);
        await cli(['plan', 'r53-by-id.yaml'], env);
        await cli(['plan', 'r53-another.yaml'], env);
        await cli(['verify', 'r53.yaml'], env);
        await cli(['import', 'r53.yaml', '--service', 'www.example.com', '--out', 'imported.yaml'], env);
        await cli(['import', 'r53.yaml', '--service', 'checked.example.com', '--out', 'checked.yaml'], env);
        await cli(['adopt', 'adopted.yaml', '--service', 'www.example.com', '--dry-run'], env);
      });
      // import read the other tool's health check, so the plan files must grant it.
      expect(reads).toContain('GetHealthCheck');
      expect(sorted(reads.map((op) => `route53:${op}`))).toEqual(sorted(documented('route53-plan.json').actions));
      expect(sorted([...reads, ...writes].map((op) => `route53:${op}`))).toEqual(
        sorted(documented('route53-apply.json').actions),
      );
      // The writes include deletes and the change status, so the apply run did all it can.
      expect(writes).toEqual(expect.arrayContaining(['ChangeResourceRecordSets', 'GetChange']));
    });
  });

  it('with healthChecks: true (and --health provider, and import) needs exactly the base files plus route53-*-health-checks.json', async () => {
    await withRoute53Zone('setup-health', async ({ backend, mock, zoneId }) => {
      const checked = (extra: string, endpoints: string) =>
        policy(`, healthChecks: true${extra}`, endpoints).replace(
          'publish: [r53] }',
          'publish: [r53], healthCheck: { protocol: https, path: /healthz } }',
        );
      writeFileSync(join(dir, 'hc.yaml'), checked('', 'aws-use1, aws-fra, az-weu'));
      writeFileSync(join(dir, 'hc-by-id.yaml'), checked(`, hostedZoneId: ${zoneId}`, 'aws-use1, aws-fra, az-weu'));
      // One endpoint fewer: its record and its health check are deleted.
      writeFileSync(join(dir, 'hc-smaller.yaml'), checked('', 'aws-use1, aws-fra'));
      writeFileSync(
        join(dir, 'hc-another.yaml'),
        checked('', 'aws-use1, aws-fra, az-weu').replace('shop.example.com', 'cart.example.com'),
      );
      const env = { TRAFFICPORT_ROUTE53_ENDPOINT: mock.url };
      const hc = (args: string[]) => cli(args, env, 'route53-health-state');
      const calls = () => ({ ...backend.counters().calls }) as Record<string, number>;
      const during = async (commands: () => Promise<void>) => {
        const before = calls();
        await commands();
        const after = calls();
        return Object.keys(after).filter((op) => (after[op] ?? 0) > (before[op] ?? 0));
      };
      const writes = await during(async () => {
        await hc(['apply', 'hc.yaml', '--auto-approve']);
        await hc(['apply', 'hc-smaller.yaml', '--auto-approve', '--force']);
        await hc(['rollback', 'hc-smaller.yaml', '--auto-approve']);
        await hc(['apply', '--resume', 'hc.yaml']);
        await hc(['apply', 'hc.yaml', '--health', 'provider', '--auto-approve']);
      });
      const reads = await during(async () => {
        await hc(['plan', 'hc.yaml']);
        await hc(['plan', 'hc.yaml', '--health', 'provider']);
        await hc(['plan', 'hc-by-id.yaml']);
        await hc(['plan', 'hc-another.yaml']);
        await hc(['verify', 'hc.yaml']);
        await hc(['import', 'hc.yaml', '--service', 'checked.example.com', '--out', 'hc-checked.yaml']);
      });
      expect(reads).toContain('GetHealthCheck');
      const grants = (...files: string[]) => sorted(files.flatMap((file) => documented(file).actions));
      expect(sorted(reads.map((op) => `route53:${op}`))).toEqual(
        grants('route53-plan.json', 'route53-plan-health-checks.json'),
      );
      expect(sorted([...reads, ...writes].map((op) => `route53:${op}`))).toEqual(
        grants('route53-apply.json', 'route53-apply-health-checks.json'),
      );
      // The health-check files add only what the base files lack.
      for (const [base, extra] of [
        ['route53-plan.json', 'route53-plan-health-checks.json'],
        ['route53-apply.json', 'route53-apply-health-checks.json'],
      ] as const) {
        expect(grants(extra).filter((action) => grants(base).includes(action))).toEqual([]);
      }
      expect(writes).toEqual(expect.arrayContaining(['CreateHealthCheck', 'DeleteHealthCheck']));
    });
  });

  it('grants zone operations on one hosted zone only', () => {
    for (const file of ['route53-plan.json', 'route53-apply.json']) {
      const { resources } = documented(file);
      expect(
        resources.filter((r) => r !== '*' && !/^arn:aws:route53:::(hostedzone\/HOSTED_ZONE_ID|change\/\*)$/.test(r)),
      ).toEqual([]);
    }
  });
});

/**
 * The Azure RBAC action an ARM request needs: the provider namespace and the resource types along
 * its path, and the verb (GET read, PUT/PATCH write, DELETE delete).
 */
function armAction(method: string, url: string): string {
  const path = new URL(url).pathname;
  const match = /\/providers\/([^/]+)\/(.+)$/.exec(path);
  if (!match) throw new Error(`not an ARM resource path: ${path}`);
  const segments = match[2]!.split('/');
  const types = segments.filter((_, index) => index % 2 === 0);
  const verb = { GET: 'read', PUT: 'write', PATCH: 'write', DELETE: 'delete' }[method];
  if (verb === undefined) throw new Error(`no RBAC verb for ${method}`);
  return `${match[1]}/${types.join('/')}/${verb}`;
}

describe('Azure role definitions (docs/permissions/azure-*-role.json)', () => {
  const SUB = AZ_SUBSCRIPTION;
  const policy = (api: string, cdn: string) => `version: 1
${azureProviderYaml({ backend: 'azure' })}endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], aaaa: ['2001:db8::20'] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20], aaaa: ['2001:db8::30'] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], aaaa: ['2001:db8::10'] }
  az-eus: { cloud: azure, region: eastus, cname: eus.example.net }
services:
  - { name: api.example.com, ttl: 60, endpoints: [${api}], publish: [az] }
  - { name: cdn.example.com, ttl: 60, endpoints: [${cdn}], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 1 }
`;

  it('plan, verify and import need exactly the plan role; apply, a deleting apply and rollback exactly the apply role', async () => {
    const server = await startAzureMock({ store: createAzureMockStore(join(dir, 'azure.json')) });
    const seen: string[] = [];
    const handle = server.backend.handle;
    server.backend.handle = (request) => {
      seen.push(armAction(request.method, request.url));
      return handle(request);
    };
    try {
      // backend: azure never creates the zone; the "subscription" has one.
      const dns = new DnsManagementClient(createMockCredential(), SUB, server.clientOptions());
      await dns.zones.createOrUpdate('dns-rg', 'example.com', { location: 'global' });
      // Another tool's name, for import: a CNAME to its Weighted profile.
      const other = await new TrafficManagerManagementClient(
        createMockCredential(),
        SUB,
        server.clientOptions(),
      ).profiles.createOrUpdate('tm-rg', 'other-www', {
        location: 'global',
        trafficRoutingMethod: 'Weighted',
        dnsConfig: { relativeName: 'other-www-example', ttl: 60 },
        monitorConfig: { protocol: 'HTTPS', port: 443, path: '/health', intervalInSeconds: 30, timeoutInSeconds: 10 },
        endpoints: [
          {
            name: 'weu',
            type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
            target: 'www-weu.example.net',
            weight: 1,
          },
        ],
      });
      expect(other.id).toBeDefined();
      await dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'www', 'CNAME', {
        ttl: 60,
        cnameRecord: { cname: 'other-www-example.trafficmanager.net' },
      });
      writeFileSync(join(dir, 'az.yaml'), policy('aws-fra, az-weu, aws-use1', 'az-eus'));
      // api's A/AAAA record sets give way to a CNAME, cdn's CNAME to A/AAAA: deletes of every type.
      writeFileSync(join(dir, 'az-smaller.yaml'), policy('az-eus', 'aws-fra, aws-use1'));
      writeFileSync(join(dir, 'azure-ca.pem'), server.ca);
      const env = { TRAFFICPORT_AZURE_ENDPOINT: server.url, TRAFFICPORT_AZURE_CA: join(dir, 'azure-ca.pem') };
      const during = async (commands: () => Promise<void>) => {
        seen.length = 0;
        await commands();
        return [...seen];
      };
      const writes = await during(async () => {
        await cli(['apply', 'az.yaml', '--auto-approve'], env);
        await cli(['apply', 'az-smaller.yaml', '--auto-approve', '--force'], env);
        await cli(['rollback', 'az-smaller.yaml', '--auto-approve', '--force'], env);
        await cli(['apply', '--resume', 'az.yaml'], env);
        // Reading a lease (as an apply that finds one held does) is part of writing.
        await cli(['unlock', 'az.yaml', '--yes'], env);
      });
      // Read-only commands on the published estate (verify agrees with the plan there).
      const reads = await during(async () => {
        await cli(['plan', 'az.yaml'], env);
        await cli(['verify', 'az.yaml'], env);
        await cli(['import', 'az.yaml', '--service', 'www.example.com', '--out', 'az-imported.yaml'], env);
      });
      // import read the other tool's profile behind the CNAME.
      expect(readFileSync(join(dir, 'az-imported.yaml'), 'utf8')).toContain('www-weu.example.net');
      expect(sorted(reads)).toEqual(sorted(documented('azure-plan-role.json').actions));
      expect(sorted([...reads, ...writes])).toEqual(sorted(documented('azure-apply-role.json').actions));
    } finally {
      await server.close();
    }
  });

  it('are custom roles with no data actions, assignable to the two resource groups only', () => {
    for (const file of ['azure-plan-role.json', 'azure-apply-role.json']) {
      const role = JSON.parse(readFileSync(join(ROOT, 'docs', 'permissions', file), 'utf8'));
      expect(role).toMatchObject({ IsCustom: true, NotActions: [], DataActions: [], NotDataActions: [] });
      expect(role.AssignableScopes).toEqual([
        '/subscriptions/SUBSCRIPTION_ID/resourceGroups/DNS_RESOURCE_GROUP',
        '/subscriptions/SUBSCRIPTION_ID/resourceGroups/TRAFFIC_MANAGER_RESOURCE_GROUP',
      ]);
      expect(role.Actions.filter((action: string) => action.includes('*'))).toEqual([]);
    }
  });
});
