import {
  type Change,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
  type Route53ClientConfig,
} from '@aws-sdk/client-route-53';
import { expect } from 'vitest';
import type { Route53Provider } from '../../src/policy/types.js';
import {
  createRoute53Backend,
  mockRequestHandler,
  type Route53MockBackend,
  type Route53MockOptions,
} from '../../src/providers/route53/mock/index.js';

/** Shared set-up for the Route 53 mock tests: a real SDK client wired to a mock backend. */

export const credentials = { accessKeyId: 'AKIDMOCK', secretAccessKey: 'mock-secret' };

/** A mock-backed provider for example.com, for tests that build an adapter. */
export const mockProvider: Route53Provider = {
  id: 'r53',
  type: 'route53',
  zone: 'example.com',
  backend: 'mock',
  healthChecks: false,
};

export function inProcessClient(backend: Route53MockBackend, config: Partial<Route53ClientConfig> = {}): Route53Client {
  return new Route53Client({
    region: 'us-east-1',
    credentials,
    requestHandler: mockRequestHandler(backend),
    ...config,
  });
}

export interface Fixture {
  backend: Route53MockBackend;
  client: Route53Client;
  zoneId: string;
}

/** A backend with one zone, example.com, and a client talking to it in-process. */
export async function zoneFixture(
  options: Route53MockOptions = {},
  config: Partial<Route53ClientConfig> = {},
): Promise<Fixture> {
  const backend = createRoute53Backend(options);
  const client = inProcessClient(backend, config);
  const created = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'fixture' }));
  const zoneId = created.HostedZone?.Id ?? '';
  return { backend, client, zoneId };
}

export function send(fixture: Fixture, changes: Change[]) {
  return fixture.client.send(
    new ChangeResourceRecordSetsCommand({ HostedZoneId: fixture.zoneId, ChangeBatch: { Changes: changes } }),
  );
}

export function simple(
  name: string,
  value: string,
  type: ResourceRecordSet['Type'] = 'A',
  ttl = 60,
): ResourceRecordSet {
  return { Name: name, Type: type, TTL: ttl, ResourceRecords: [{ Value: value }] };
}

export function weighted(name: string, id: string, weight: number, value: string, ttl = 60): ResourceRecordSet {
  return { Name: name, Type: 'A', SetIdentifier: id, Weight: weight, TTL: ttl, ResourceRecords: [{ Value: value }] };
}

export function create(set: ResourceRecordSet): Change {
  return { Action: 'CREATE', ResourceRecordSet: set };
}

/** Every set in the zone, following NextRecordName/Type/Identifier like a real caller. */
export async function listAll(
  fixture: Fixture,
  maxItems?: number,
): Promise<{ sets: ResourceRecordSet[]; pages: number }> {
  const sets: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string } =
    {};
  for (let pages = 1; ; pages++) {
    const page = await fixture.client.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: fixture.zoneId,
        ...start,
        ...(maxItems ? { MaxItems: maxItems } : {}),
      }),
    );
    sets.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) return { sets, pages };
    start = {
      ...(page.NextRecordName ? { StartRecordName: page.NextRecordName } : {}),
      ...(page.NextRecordType ? { StartRecordType: page.NextRecordType } : {}),
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}

/** Awaits a rejection and checks the error name (and message) the SDK surfaced. */
export async function expectFailure(
  promise: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  expect(error, `expected ${name}`).toBeInstanceOf(Error);
  expect(error?.name).toBe(name);
  if (message !== undefined) expect(error?.message).toMatch(message);
  return error as Error;
}

interface Token {
  getRetryCount(): number;
  getRetryDelay(): number;
}

function token(count: number): Token {
  return { getRetryCount: () => count, getRetryDelay: () => 0 };
}

/**
 * A retry strategy that retries what the SDK itself classifies as throttling or transient, with
 * no delay, so retry tests stay fast. The classification is still the SDK's own.
 */
export function immediateRetry(maxAttempts = 3) {
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (current: Token, info: { errorType: string }) => {
      const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
      if (!retryable || current.getRetryCount() + 1 >= maxAttempts) throw new Error('no retry');
      return token(current.getRetryCount() + 1);
    },
    recordSuccess: () => {},
  };
}
