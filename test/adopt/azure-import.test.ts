/**
 * import from Azure, through the real SDK clients against the mock: a Traffic Manager tree as
 * people build it (a Geographic root mapping Europe to a nested Weighted profile and the world to
 * an external endpoint, behind a CNAME in Azure DNS), and a plain A record set. The imported
 * policy validates and its pinned split is what the tree answers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { solve } from '../../src/solve/solve.js';
import { runCli } from '../support/run-cli.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const PROVIDERS = `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: "${SUB}", resourceGroup: dns, backend: mock, trafficManager: { resourceGroup: traffic } }
endpoints: {}
`;
const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
const NESTED = 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints';
const monitorConfig = { protocol: 'HTTPS', port: 443, path: '/health' };

describe('import from Azure DNS and Traffic Manager (SDK, mock)', () => {
  it('follows a CNAME to a Geographic profile over a nested Weighted one, and reads plain record sets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-import-az-'));
    writeFileSync(join(dir, 'providers.yaml'), PROVIDERS);
    const options = inProcessClientOptions(
      createAzureMockHandler({ store: createAzureMockStore(join(dir, '.trafficport', 'mock', 'azure.json')) }),
    );
    const dns = new DnsManagementClient(createMockCredential(), SUB, options);
    const tm = new TrafficManagerManagementClient(createMockCredential(), SUB, options);
    await dns.zones.createOrUpdate('dns', 'example.com', { location: 'global' });
    const eu = await tm.profiles.createOrUpdate('traffic', 'shop-eu', {
      location: 'global',
      trafficRoutingMethod: 'Weighted',
      dnsConfig: { relativeName: 'shop-eu-example', ttl: 60 },
      monitorConfig,
      endpoints: [
        { name: 'weu', type: EXTERNAL, target: 'shop-weu.westeurope.cloudapp.azure.com', weight: 3 },
        { name: 'fra', type: EXTERNAL, target: 'shop-fra.eu-central-1.elb.amazonaws.com', weight: 1 },
      ],
    });
    await tm.profiles.createOrUpdate('traffic', 'shop-root', {
      location: 'global',
      trafficRoutingMethod: 'Geographic',
      dnsConfig: { relativeName: 'shop-root-example', ttl: 60 },
      monitorConfig,
      endpoints: [
        { name: 'europe', type: NESTED, targetResourceId: eu.id!, minChildEndpoints: 1, geoMapping: ['GEO-EU'] },
        { name: 'world', type: EXTERNAL, target: 'shop-use1.us-east-1.elb.amazonaws.com', geoMapping: ['WORLD'] },
      ],
    });
    await dns.recordSets.createOrUpdate('dns', 'example.com', 'shop', 'CNAME', {
      ttl: 60,
      cnameRecord: { cname: 'shop-root-example.trafficmanager.net' },
    });
    await dns.recordSets.createOrUpdate('dns', 'example.com', 'static', 'A', {
      ttl: 300,
      aRecords: [{ ipv4Address: '192.0.2.50' }, { ipv4Address: '192.0.2.51' }],
    });

    const run = await runCli(
      ['import', 'providers.yaml', '--service', 'shop.example.com', 'static.example.com', '--out', 'policy.yaml'],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, 'policy.yaml'), 'utf8');
    const loaded = loadPolicy(text, 'policy.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    // Clouds and regions from the host names.
    const endpoint = (id: string) => loaded.policy.endpoints.find((e) => e.id === id)!;
    expect([endpoint('weu').cloud, endpoint('weu').region]).toEqual(['azure', 'westeurope']);
    expect([endpoint('fra').cloud, endpoint('fra').region]).toEqual(['aws', 'eu-central-1']);
    expect([endpoint('world').cloud, endpoint('world').region]).toEqual(['aws', 'us-east-1']);
    const shop = loaded.policy.services.find((s) => s.name === 'shop.example.com')!;
    expect(Object.fromEntries(shop.pinned!)).toEqual({
      '*': { world: 100 },
      'continent:EU': { fra: 25, weu: 75 },
      // GEO-EU is Traffic Manager's Europe, which is not Route 53's continent EU exactly.
      ...Object.fromEntries([...shop.pinned!].filter(([key]) => key !== '*' && key !== 'continent:EU')),
    });
    const plan = solve(loaded.policy, Date.parse('2026-12-01T00:00Z'));
    const geo = (service: string, id: string) =>
      plan.services.find((s) => s.service === service)!.geographies.find((g) => g.geo === id)!.shares;
    expect(geo('shop.example.com', 'DE')).toMatchObject({ weu: 75, fra: 25, world: 0 });
    expect(geo('shop.example.com', 'JP')).toMatchObject({ world: 100, weu: 0, fra: 0 });
    const staticService = loaded.policy.services.find((s) => s.name === 'static.example.com')!;
    expect(staticService.endpoints).toHaveLength(1);
    expect(geo('static.example.com', 'BR')).toEqual({ [staticService.endpoints[0]!]: 100 });
    expect(text).toContain('Traffic Manager profiles');
  });
});
