import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { route53StateFile, startRoute53Mock } from '../../src/providers/route53/mock/index.js';
import { ROOT, runBinary } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

let dir: string;
const AT = '2026-12-01T00:00Z';
const closers: (() => Promise<void>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-resilience-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(dir, 'policy.yaml'));
  copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'eu.yaml'));
});
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

const run = (args: string[], env: Record<string, string> = {}) => runBinary(args, { cwd: dir, env });

describe('publishing to two providers', { timeout: 600_000 }, () => {
  it('publishes the EU policy to Route 53 and Azure, then verifies both', async () => {
    const applied = await run(['apply', 'eu.yaml', '--at', AT, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/✓ r53: \d+ changes applied/);
    expect(applied.stdout).toMatch(/✓ azdns: \d+ changes applied/);
    expect((await run(['plan', 'eu.yaml', '--at', AT, '--detailed-exitcode'])).code).toBe(0);
    const verified = await run(['verify', 'eu.yaml', '--at', AT, '--json']);
    const report = JSON.parse(verified.stdout);
    expect(report.ok).toBe(true);
    expect(report.providers.map((p: { provider: string; checked: number }) => [p.provider, p.checked > 200])).toEqual([
      ['r53', true],
      ['azdns', true],
    ]);
  });

  it('completes through throttling storms and 5xx on both providers', async () => {
    const faults = JSON.stringify({
      route53: { throttleEvery: 2, failEvery: 3, failStatus: 503 },
      azure: {
        rules: [
          { kind: 'throttle', retryAfterSeconds: 0, after: 2, times: 3 },
          { kind: 'status', status: 503, retryAfterSeconds: 0, after: 8, times: 2 },
        ],
      },
    });
    const applied = await run(['apply', 'eu.yaml', '--at', AT, '--auto-approve'], { TRAFFICPORT_MOCK_FAULTS: faults });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/waiting \d+ ms \((throttled|retry)\)/);
    expect((await run(['plan', 'eu.yaml', '--at', AT, '--detailed-exitcode'])).code).toBe(0);
  });

  it('keeps going when one provider is down, and resume finishes it later', async () => {
    const down = JSON.stringify({ azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] } });
    const partial = await run(['apply', 'eu.yaml', '--at', AT, '--auto-approve'], { TRAFFICPORT_MOCK_FAULTS: down });
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/✓ r53: \d+ changes applied/);
    expect(partial.stdout).toMatch(/✗ azdns: PROVIDER\.UNAVAILABLE/);
    expect(partial.stdout).toContain('trafficport apply --resume eu.yaml');
    const journal = JSON.parse(readFileSync(join(dir, '.trafficport', 'journal', 'current.json'), 'utf8'));
    expect([journal.status, journal.providers.r53.status, journal.providers.azdns.status]).toEqual([
      'failed',
      'done',
      'failed',
    ]);

    const resumed = await run(['apply', '--resume', 'eu.yaml']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await run(['plan', 'eu.yaml', '--at', AT, '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('over loopback, shared by several processes', () => {
  async function serveRoute53(): Promise<string> {
    const mock = await startRoute53Mock({ store: route53StateFile(join(dir, 'shared-route53.json')) });
    closers.push(() => mock.close());
    return mock.url;
  }

  it('two concurrent applies: one wins, the loser is refused naming the holder, the state is consistent', async () => {
    const url = await serveRoute53();
    const env = (name: string) => ({ TRAFFICPORT_ROUTE53_ENDPOINT: url, TRAFFICPORT_STATE_DIR: join(dir, name) });
    // Two runs in one event loop, as two CI runners would be: both read before either writes.
    const [a, b] = await Promise.all([
      runCli(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], { cwd: dir, env: env('a') }),
      runCli(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], { cwd: dir, env: env('b') }),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    expect(loser.stdout + loser.stderr).toMatch(
      /APPLY\.LOCKED .*locked by apply run \S+ by \S+ on \S+ \(pid \d+\) since /,
    );
    const after = await run(['plan', 'policy.yaml', '--at', AT, '--detailed-exitcode'], env('c'));
    expect(after.code, after.stdout).toBe(0);
  });

  it('never touches records it does not own', async () => {
    const url = await serveRoute53();
    const client = new Route53Client({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const env = { TRAFFICPORT_ROUTE53_ENDPOINT: url };
    // The first apply creates the zone; then someone else adds records of their own.
    expect((await run(['apply', 'policy.yaml', '--at', AT, '--auto-approve'], env)).code).toBe(0);
    const zones = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: await zoneId(client) }));
    expect(zones.ResourceRecordSets?.length).toBeGreaterThan(10);
    await client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: await zoneId(client),
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'mail.example.com',
                Type: 'MX',
                TTL: 300,
                ResourceRecords: [{ Value: '10 mx.example.net' }],
              },
            },
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'shop.example.com',
                Type: 'TXT',
                TTL: 300,
                ResourceRecords: [{ Value: '"owner=web-team"' }],
              },
            },
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'legacy.shop.example.com',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.99' }],
              },
            },
          ],
        },
      }),
    );
    const foreign = async () =>
      JSON.stringify(
        (await listAll(client)).filter(
          (r) => !(r.SetIdentifier ?? '').startsWith('tp:') && r.Type !== 'NS' && r.Type !== 'SOA',
        ),
      );
    const before = await foreign();
    expect(before).toContain('owner=web-team');
    // A drain-like change (a what-if), then a rollback: foreign records stay byte-identical.
    expect(
      (await run(['apply', 'policy.yaml', '--at', AT, '--down', 'aws-fra', '--auto-approve', '--force'], env)).code,
    ).toBe(0);
    expect(await foreign()).toBe(before);
    // Undoing that drain moves a third of the traffic back: past the default limit, so --force.
    expect((await run(['rollback', 'policy.yaml', '--auto-approve', '--force'], env)).code).toBe(0);
    expect(await foreign()).toBe(before);
  });
});

async function zoneId(client: Route53Client): Promise<string> {
  const { ListHostedZonesByNameCommand } = await import('@aws-sdk/client-route-53');
  const zones = await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }));
  return zones.HostedZones![0]!.Id!.replace('/hostedzone/', '');
}

async function listAll(client: Route53Client) {
  const id = await zoneId(client);
  const records = [];
  let start: { StartRecordName?: string; StartRecordType?: string; StartRecordIdentifier?: string } = {};
  for (;;) {
    const page = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, ...start } as never));
    records.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) return records;
    start = {
      StartRecordName: page.NextRecordName!,
      StartRecordType: page.NextRecordType!,
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}
