import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/io/io.js';
import { checkMonitorConfig } from '../../src/providers/azure/mock/monitor-rules.js';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { type PublishFlags, preparePublish } from '../../src/publish/prepare.js';

/**
 * Every Traffic Manager profile's monitorConfig comes from the policy's healthCheck, goes through
 * the real SDK to the mock (which holds it to Traffic Manager's ranges) and reads back equal.
 */

const AT = '2026-12-06T03:00:00Z';
let dir: string;

const POLICY = (check: string) => `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
services:
  - name: www.example.com
    endpoints: [aws-fra, az-weu, aws-use1]
    publish: [az]
    healthCheck: ${check}
`;

function io(): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: dir, now: () => Date.parse(AT) };
}
const flags = (): PublishFlags => ({ at: AT, stateDir: join(dir, 'state') });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-monitor-'));
});

describe('Traffic Manager monitorConfig from the policy', { timeout: 600_000 }, () => {
  it('writes protocol, port, path, interval, timeout, tolerated failures, headers and status ranges, and reads them back', async () => {
    writeFileSync(
      join(dir, 'p.yaml'),
      POLICY(
        '{ protocol: http, port: 8080, path: /healthz, host: www.example.com, interval: 10, timeout: 6, failureThreshold: 2, expectedStatus: [200-299, 301], headers: { X-Probe: trafficport } }',
      ),
    );
    const prepared = await preparePublish('p.yaml', flags(), io());
    const target = prepared.targets[0]!;
    await target.adapter.apply(target.plan.changes, target.live);
    const state = readMockStateFile<{
      profiles: Record<string, { properties: { monitorConfig: unknown } }>;
    }>(join(dir, 'state', 'mock', 'azure.json'))!;
    const monitors = Object.values(state.profiles).map((p) => p.properties.monitorConfig);
    expect(monitors.length).toBeGreaterThan(0);
    for (const monitor of monitors) {
      expect(monitor).toEqual({
        protocol: 'HTTP',
        port: 8080,
        path: '/healthz',
        intervalInSeconds: 10,
        timeoutInSeconds: 6,
        toleratedNumberOfFailures: 1,
        customHeaders: [
          { name: 'Host', value: 'www.example.com' },
          { name: 'X-Probe', value: 'trafficport' },
        ],
        expectedStatusCodeRanges: [
          { min: 200, max: 299 },
          { min: 301, max: 301 },
        ],
      });
    }
    expect((await preparePublish('p.yaml', flags(), io())).targets[0]!.plan.changes).toEqual([]);
  });

  it.each([
    [{ intervalInSeconds: 10, timeoutInSeconds: 10 }, 'between 5 and 9'],
    [{ toleratedNumberOfFailures: 10 }, 'between 0 and 9'],
    [{ protocol: 'TCP', path: '/' }, 'TCP'],
    [{ customHeaders: Array.from({ length: 9 }, (_, i) => ({ name: `h${i}`, value: 'v' })) }, 'At most 8'],
    [{ expectedStatusCodeRanges: [{ min: 99, max: 200 }] }, 'invalid'],
  ])('the mock refuses %j', (change, message) => {
    const base = {
      protocol: 'HTTP',
      port: 80,
      path: '/',
      intervalInSeconds: 30,
      timeoutInSeconds: 10,
      toleratedNumberOfFailures: 3,
    };
    expect(() => checkMonitorConfig({ ...base, ...change })).toThrow(message);
  });
});
