import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  type HealthCheckConfig,
  ListHostedZonesByNameCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { createRoute53Backend, mockRequestHandler, route53StateFile } from '../../src/providers/route53/mock/index.js';

/** The subscription of the file-backed Azure mock in the policies of these tests. */
export const MOCK_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/**
 * Real SDK clients on the state files the CLI's file-backed mocks keep under `dir`
 * (`.trafficport/mock/`): another tool, or a person, editing the zones beside trafficport.
 */
export function stateFileClients(dir: string, subscription = MOCK_SUBSCRIPTION) {
  const mock = join(dir, '.trafficport', 'mock');
  const route53 = new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    requestHandler: mockRequestHandler(createRoute53Backend({ store: route53StateFile(join(mock, 'route53.json')) })),
  });
  const options = inProcessClientOptions(
    createAzureMockHandler({ store: createAzureMockStore(join(mock, 'azure.json')) }),
  );
  return {
    route53,
    dns: new DnsManagementClient(createMockCredential(), subscription, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), subscription, options),
  };
}

export type StateFileClients = ReturnType<typeof stateFileClients>;

/** The id (without `/hostedzone/`) of the first hosted zone named `zone`. */
export async function route53ZoneId(client: Route53Client, zone: string): Promise<string> {
  const zones = await client.send(new ListHostedZonesByNameCommand({ DNSName: zone }));
  return zones.HostedZones![0]!.Id!.replace('/hostedzone/', '');
}

/**
 * A directory whose policy names one Route 53 mock zone (`example.com`, health checks on), the
 * zone created through the real SDK client on its state file, and a way to create health checks
 * there as another tool would: the starting point of the import tests.
 */
export async function seededRoute53Zone(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, 'providers.yaml'),
    'version: 1\nproviders:\n  r53: { type: route53, zone: example.com, backend: mock, healthChecks: true }\nendpoints: {}\n',
  );
  const sdk = stateFileClients(dir).route53;
  const zone = await sdk.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'seed' }));
  const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  const check = async (reference: string, config: HealthCheckConfig) =>
    (await sdk.send(new CreateHealthCheckCommand({ CallerReference: reference, HealthCheckConfig: config })))
      .HealthCheck!.Id!;
  return { dir, sdk, zoneId, check };
}
