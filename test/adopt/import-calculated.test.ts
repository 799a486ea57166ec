/**
 * import and Route 53 CALCULATED checks (another tool's, or the shape trafficport itself publishes
 * for an endpoint with several addresses): when the children are plain HTTP/HTTPS/TCP checks, one
 * per address of the endpoint, all probing alike, their settings become the endpoint's
 * healthCheck; otherwise a NOTE says why nothing is carried over. Through the real SDK client on
 * the Route 53 mock, then the pure function case by case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import type { Route53CheckConfig } from '../../src/adopt/health.js';
import { fromCalculatedCheck } from '../../src/adopt/health-calculated.js';
import { loadPolicy } from '../../src/policy/load.js';
import { runCli } from '../support/run-cli.js';
import { seededRoute53Zone } from '../support/state-file-clients.js';

const PROBE = {
  Type: 'HTTPS',
  Port: 8443,
  ResourcePath: '/healthz',
  FullyQualifiedDomainName: 'shop.example.com',
  RequestInterval: 10,
  FailureThreshold: 2,
} as const;

describe('import: CALCULATED Route 53 checks', () => {
  it('carries the children settings over when they are one probe per address, else says why in a NOTE', async () => {
    const { dir, sdk, zoneId, check } = await seededRoute53Zone('tp-import-calc-');
    // blue: one like probe per address, combined as trafficport would (HealthThreshold 1).
    const blue1 = await check('blue-1', { ...PROBE, IPAddress: '203.0.113.1' });
    const blue2 = await check('blue-2', { ...PROBE, IPAddress: '203.0.113.2' });
    const blue = await check('blue', { Type: 'CALCULATED', ChildHealthChecks: [blue1, blue2], HealthThreshold: 1 });
    // green: its children probe on different ports, which trafficport cannot publish for one endpoint.
    const green1 = await check('green-1', { ...PROBE, IPAddress: '203.0.113.3' });
    const green2 = await check('green-2', { ...PROBE, IPAddress: '203.0.113.4', Port: 9443 });
    const green = await check('green', { Type: 'CALCULATED', ChildHealthChecks: [green1, green2], HealthThreshold: 1 });
    const set = (id: string, values: readonly string[], weight: number, healthCheckId: string) => ({
      Action: 'CREATE' as const,
      ResourceRecordSet: {
        Name: 'shop.example.com',
        Type: 'A' as const,
        SetIdentifier: id,
        Weight: weight,
        TTL: 60,
        ResourceRecords: values.map((Value) => ({ Value })),
        HealthCheckId: healthCheckId,
      },
    });
    await sdk.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            set('blue', ['203.0.113.1', '203.0.113.2'], 3, blue),
            set('green', ['203.0.113.3', '203.0.113.4'], 1, green),
          ],
        },
      }),
    );
    const run = await runCli(['import', 'providers.yaml', '--service', 'shop.example.com', '--out', 'p.yaml'], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, 'p.yaml'), 'utf8');
    const loaded = loadPolicy(text, 'p.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const endpoint = (id: string) => loaded.policy.endpoints.find((e) => e.id === id)!;
    expect(endpoint('blue').targets.a).toEqual(['203.0.113.1', '203.0.113.2']);
    expect(endpoint('blue').healthCheck).toEqual({
      protocol: 'https',
      port: 8443,
      path: '/healthz',
      host: 'shop.example.com',
      interval: 10,
      failureThreshold: 2,
    });
    expect(text).not.toContain(`NOTE: health check ${blue}`);
    expect(endpoint('green').healthCheck).toBeUndefined();
    expect(text).toContain(
      `NOTE: health check ${green} is CALCULATED and not carried over: its child checks ${green1}, ${green2} probe with different settings`,
    );
  });

  const child = (IPAddress: string, extra: Partial<Route53CheckConfig> = {}): Route53CheckConfig => ({
    ...PROBE,
    IPAddress,
    ...extra,
  });
  const targets = ['192.0.2.1', '192.0.2.2'];
  const parent = (children: readonly string[], extra: Partial<Route53CheckConfig> = {}): Route53CheckConfig => ({
    Type: 'CALCULATED',
    ChildHealthChecks: children,
    HealthThreshold: 1,
    ...extra,
  });

  it.each<[string, Route53CheckConfig, Record<string, Route53CheckConfig>, string]>([
    ['no children', parent([]), {}, 'it names no child checks'],
    [
      'a child that cannot be read',
      parent(['c1', 'c2']),
      { c1: child('192.0.2.1') },
      'its child checks c2 could not be read',
    ],
    [
      'a child watching a metric',
      parent(['c1', 'c2']),
      { c1: child('192.0.2.1'), c2: { Type: 'CLOUDWATCH_METRIC' } },
      'its child checks c2 (CLOUDWATCH_METRIC) are not plain HTTP, HTTPS or TCP checks',
    ],
    [
      'a child matching a string',
      parent(['c1', 'c2']),
      { c1: child('192.0.2.1'), c2: child('192.0.2.2', { Type: 'HTTPS_STR_MATCH', SearchString: 'ok' }) },
      'its child checks c2 (HTTPS_STR_MATCH) are not plain HTTP, HTTPS or TCP checks',
    ],
    [
      'a child probing another address',
      parent(['c1', 'c2']),
      { c1: child('192.0.2.1'), c2: child('198.51.100.9') },
      "its child checks c2 do not probe one of the endpoint's addresses (192.0.2.1, 192.0.2.2)",
    ],
    [
      'an address without a check',
      parent(['c1']),
      { c1: child('192.0.2.1') },
      "its children do not check each of the endpoint's addresses once (192.0.2.2 unchecked)",
    ],
    [
      'an address checked twice',
      parent(['c1', 'c2', 'c3']),
      { c1: child('192.0.2.1'), c2: child('192.0.2.2'), c3: child('192.0.2.2') },
      "its children do not check each of the endpoint's addresses once (192.0.2.2 checked twice)",
    ],
  ])('%s: a NOTE says why', (_name, config, children, why) => {
    const imported = fromCalculatedCheck('calc', config, new Map(Object.entries(children)), targets);
    expect(imported.check).toBeUndefined();
    expect(imported.notes).toEqual([
      `health check calc is CALCULATED and not carried over: ${why}; trafficport would check the endpoint's addresses itself (healthChecks: true)`,
    ]);
  });

  it('carries the settings over, and says where the calculated check itself differs from trafficport', () => {
    const children = new Map(Object.entries({ c1: child('192.0.2.1'), c2: child('192.0.2.2') }));
    const imported = fromCalculatedCheck(
      'calc',
      parent(['c2', 'c1'], { HealthThreshold: 2, Inverted: true }),
      children,
      targets,
    );
    expect(imported.check).toEqual({
      protocol: 'https',
      port: 8443,
      path: '/healthz',
      host: 'shop.example.com',
      interval: 10,
      failureThreshold: 2,
    });
    expect(imported.notes).toEqual([
      'health check calc keeps the endpoint in while 2 of its 2 addresses are healthy; trafficport keeps it in while at least one is (HealthThreshold 1)',
      "health check calc is inverted; trafficport's checks are not (the endpoint is up when it answers)",
    ]);
  });
});
