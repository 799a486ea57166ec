/**
 * import reads other tools' health checks (through the real SDK clients, on the mocks): Route 53
 * checks attached to the imported records (GetHealthCheck) and Traffic Manager probes
 * (monitorConfig) become the endpoints' healthCheck; what cannot be carried over (a check shared
 * by the records of several endpoints, a search string) is a NOTE saying what trafficport
 * publishes instead. The result validates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { fromMonitorConfig, fromRoute53Check } from '../../src/adopt/health.js';
import { loadPolicy } from '../../src/policy/load.js';
import { runCli } from '../support/run-cli.js';
import { seededRoute53Zone } from '../support/state-file-clients.js';

describe('import carries other tools health checks into the policy', () => {
  it('Route 53: a check per record becomes the endpoint healthCheck; a shared one is a NOTE', async () => {
    const { dir, sdk, zoneId, check } = await seededRoute53Zone('tp-import-hc-');
    const blue = await check('blue', {
      Type: 'HTTPS',
      IPAddress: '203.0.113.1',
      Port: 8443,
      ResourcePath: '/healthz',
      FullyQualifiedDomainName: 'shop.example.com',
      RequestInterval: 10,
      FailureThreshold: 2,
      Regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
    });
    const shared = await check('shared', { Type: 'TCP', IPAddress: '203.0.113.9', Port: 443 });
    const set = (id: string, value: string, weight: number, healthCheckId: string) => ({
      Action: 'CREATE' as const,
      ResourceRecordSet: {
        Name: 'shop.example.com',
        Type: 'A' as const,
        SetIdentifier: id,
        Weight: weight,
        TTL: 60,
        ResourceRecords: [{ Value: value }],
        HealthCheckId: healthCheckId,
      },
    });
    await sdk.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            set('blue', '203.0.113.1', 3, blue),
            set('green', '203.0.113.2', 1, shared),
            set('red', '203.0.113.3', 1, shared),
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
    expect(endpoint('blue').healthCheck).toMatchObject({
      protocol: 'https',
      port: 8443,
      path: '/healthz',
      host: 'shop.example.com',
      interval: 10,
      failureThreshold: 2,
      regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'],
    });
    expect(endpoint('green').healthCheck).toBeUndefined();
    expect(text).toContain(`NOTE: health check ${shared} is shared by the records of 2 answers`);
    expect(text).not.toContain(`NOTE: health check ${blue}`);
    // Without healthChecks: true the settings would be ignored: they are a NOTE instead.
    writeFileSync(
      join(dir, 'plain.yaml'),
      readFileSync(join(dir, 'providers.yaml'), 'utf8').replace(', healthChecks: true', ''),
    );
    const plain = await runCli(['import', 'plain.yaml', '--service', 'shop.example.com', '--out', 'q.yaml'], {
      cwd: dir,
    });
    expect(plain.code, plain.stderr).toBe(0);
    const noted = readFileSync(join(dir, 'q.yaml'), 'utf8');
    expect(noted).toContain('is health-checked today ({"protocol":"https","port":8443');
    expect(noted).toContain('set healthChecks: true on r53');
  });

  it('Route 53 settings that do not carry over are said plainly (the mock models no string-matching checks)', () => {
    const imported = fromRoute53Check(
      'hc-1',
      {
        Type: 'HTTP_STR_MATCH',
        IPAddress: '192.0.2.7',
        Port: 80,
        SearchString: 'ok',
        Inverted: true,
        Regions: ['us-east-1'],
      },
      ['192.0.2.1'],
    );
    expect(imported.check).toEqual({ protocol: 'http', port: 80 });
    expect(imported.notes).toEqual([
      "health check hc-1 probes 192.0.2.7; trafficport probes the endpoint's own 192.0.2.1 instead",
      'health check hc-1 looks for "ok" in the response; trafficport checks the status code only',
      "health check hc-1 is inverted; trafficport's checks are not (the endpoint is up when it answers)",
    ]);
    expect(fromRoute53Check('hc-2', { Type: 'CALCULATED' }, []).check).toBeUndefined();
  });

  it('Traffic Manager: monitorConfig as healthCheck (tolerated failures + 1, Host header as host)', () => {
    expect(
      fromMonitorConfig('p', {
        protocol: 'HTTPS',
        port: 443,
        path: '/health',
        intervalInSeconds: 10,
        timeoutInSeconds: 7,
        toleratedNumberOfFailures: 2,
        customHeaders: [
          { name: 'Host', value: 'shop.example.com' },
          { name: 'X-Probe', value: '1' },
        ],
        expectedStatusCodeRanges: [
          { min: 200, max: 299 },
          { min: 301, max: 301 },
        ],
      }),
    ).toEqual({
      check: {
        protocol: 'https',
        port: 443,
        path: '/health',
        host: 'shop.example.com',
        interval: 10,
        failureThreshold: 3,
        timeout: 7,
        expectedStatus: ['200-299', 301],
        headers: { 'X-Probe': '1' },
      },
      notes: [],
    });
  });
});
