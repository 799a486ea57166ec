import { DnsManagementClient } from '@azure/arm-dns';
import { type Profile, TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import type { AzureMockBackend } from '../../src/providers/azure/mock/handler.js';
import { createMockCredential, inProcessClientOptions } from '../../src/providers/azure/mock/http-client.js';

export const SUB = '00000000-0000-0000-0000-00000000c0de';
export const RG = 'dns-rg';
export const ZONE = 'example.com';

/** Short SDK retry delays so retried faults stay fast; the retry logic itself is the SDK's. */
export const FAST_RETRIES = { retryOptions: { retryDelayInMs: 5, maxRetryDelayInMs: 20 } };

export function inProcessClients(backend: AzureMockBackend) {
  const credential = createMockCredential();
  return {
    dns: new DnsManagementClient(credential, SUB, { ...inProcessClientOptions(backend), ...FAST_RETRIES }),
    tm: new TrafficManagerManagementClient(credential, SUB, { ...inProcessClientOptions(backend), ...FAST_RETRIES }),
  };
}

export const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
export const NESTED = 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints';

export function profileArmId(name: string): string {
  return `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/trafficManagerProfiles/${name}`;
}

export function weightedProfile(relativeName: string, endpoints: NonNullable<Profile['endpoints']>): Profile {
  return {
    location: 'global',
    trafficRoutingMethod: 'Weighted',
    dnsConfig: { relativeName, ttl: 60 },
    monitorConfig: { protocol: 'HTTPS', port: 443, path: '/healthz' },
    endpoints,
  };
}

/** Whatever the SDK threw, as the fields callers branch on. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { statusCode, code, message } = error as { statusCode?: number; code?: string; message: string };
    return { ...(statusCode !== undefined ? { statusCode } : {}), ...(code !== undefined ? { code } : {}), message };
  }
  throw new Error('expected the call to fail');
}
