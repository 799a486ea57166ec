import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import { createRoute53Backend, startRoute53Mock } from '../../src/providers/route53/mock/index.js';
import { MOCK_CREDENTIALS } from '../../src/providers/route53/sdk-client.js';
import { adapterOptions, servicesOf } from '../../src/publish/prepare.js';
import { runCli } from '../support/run-cli.js';

/*
 * `verify` settles the splits from the first provider's records (publish/published.ts) and then
 * compares every provider's records with them: the first provider's read serves both. Counted on
 * the Route 53 mock's requests (the real SDK over loopback, `backend: aws`), against one read of
 * the same provider made directly through its adapter.
 */
const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: aws }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
services:
  - { name: shop.example.com, ttl: 60, endpoints: [aws-use1, aws-fra], publish: [r53] }
  - { name: cart.example.com, ttl: 60, endpoints: [aws-use1, aws-fra], publish: [r53] }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tp-verify-reads-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verify', () => {
  it('reads each provider once: the requests of verify are those of one read', async () => {
    const backend = createRoute53Backend();
    const mock = await startRoute53Mock({ backend });
    try {
      await new Route53Client({ region: 'us-east-1', endpoint: mock.url, credentials: MOCK_CREDENTIALS }).send(
        new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'verify-reads' }),
      );
      const env = { TRAFFICPORT_ROUTE53_ENDPOINT: mock.url };
      const cli = (args: string[]) => runCli([...args, '--state-dir', join(dir, 'state')], { cwd: dir, env });
      expect((await cli(['apply', 'policy.yaml', '--auto-approve'])).code).toBe(0);
      const calls = () => ({ ...backend.counters().calls }) as Record<string, number>;
      const since = (before: Record<string, number>) => {
        const after = calls();
        return Object.fromEntries(
          Object.keys(after)
            .filter((op) => (after[op] ?? 0) > (before[op] ?? 0))
            .map((op) => [op, after[op]! - (before[op] ?? 0)]),
        );
      };

      // One read, made directly: the adapter, its geography list and the policy's records.
      const loaded = loadPolicy(POLICY, 'policy.yaml');
      if (!loaded.ok) throw new Error('invalid policy');
      const provider = loaded.policy.providers[0]!;
      const io = { stdout: { write: () => true }, stderr: { write: () => true }, env, cwd: dir, now: () => 0 };
      const beforeRead = calls();
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, adapterOptions(io, { stateDir: join(dir, 'state') }));
      await adapter.geoList();
      const live = await adapter.read(servicesOf(loaded.policy, provider));
      expect(live.resources.length).toBeGreaterThan(0);
      const oneRead = since(beforeRead);
      expect(oneRead.ListResourceRecordSets).toBeGreaterThan(0);

      const beforeVerify = calls();
      const verified = await cli(['verify', 'policy.yaml', '--json']);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(JSON.parse(verified.stdout).ok).toBe(true);
      expect(since(beforeVerify)).toEqual(oneRead);
    } finally {
      await mock.close();
    }
  });
});
