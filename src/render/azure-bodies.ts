import type { JsonValue } from './types.js';

/**
 * The canonical bodies of Azure resources, shared by the renderer (from a plan) and the
 * adapter's reader (from what the SDK returns), so equal content is byte-equal JSON. Shapes follow
 * the ARM wire format the SDK sends (`properties`, `TTL`, `CNAMERecord`), minus every
 * server-assigned field (etag, id, fqdn, provisioningState, endpointMonitorStatus,
 * profileMonitorStatus) and every field trafficport does not manage.
 */

export const EXTERNAL_TYPE = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
export const NESTED_TYPE = 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints';
export const AZURE_ENDPOINT_TYPE = 'Microsoft.Network/trafficManagerProfiles/azureEndpoints';

export interface MonitorShape {
  readonly protocol: string;
  readonly port: number;
  /** Absent for TCP probes. */
  readonly path?: string;
  readonly intervalInSeconds: number;
  readonly timeoutInSeconds: number;
  readonly toleratedNumberOfFailures: number;
  readonly customHeaders?: readonly { readonly name: string; readonly value: string }[];
  readonly expectedStatusCodeRanges?: readonly { readonly min: number; readonly max: number }[];
}

export interface EndpointShape {
  readonly name: string;
  readonly type: string;
  readonly target?: string;
  readonly targetResourceId?: string;
  readonly endpointStatus: string;
  readonly weight?: number;
  /** Priority profiles only: 1 answers first. */
  readonly priority?: number;
  readonly minChildEndpoints?: number;
  readonly geoMapping?: readonly string[];
}

export interface ProfileShape {
  readonly tags: Readonly<Record<string, string>>;
  readonly profileStatus: string;
  readonly trafficRoutingMethod: string;
  readonly relativeName: string;
  readonly ttl: number;
  readonly monitor: MonitorShape;
  readonly endpoints: readonly EndpointShape[];
}

/**
 * A profile's body. Weights matter only to Weighted profiles, priorities only to Priority ones
 * and geoMapping only to Geographic ones, so each is kept only where it means something (Azure fills defaults for the others).
 */
export function profileBody(profile: ProfileShape): JsonValue {
  const weighted = profile.trafficRoutingMethod === 'Weighted';
  const geographic = profile.trafficRoutingMethod === 'Geographic';
  const priority = profile.trafficRoutingMethod === 'Priority';
  const endpoints = [...profile.endpoints]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({
      name: e.name,
      type: e.type,
      properties: compact({
        target: e.target,
        targetResourceId: e.targetResourceId?.toLowerCase(),
        endpointStatus: e.endpointStatus,
        weight: weighted ? e.weight : undefined,
        priority: priority ? e.priority : undefined,
        minChildEndpoints: e.type === NESTED_TYPE ? e.minChildEndpoints : undefined,
        geoMapping: geographic ? [...(e.geoMapping ?? [])].sort() : undefined,
      }),
    }));
  return {
    location: 'global',
    tags: sortedRecord(profile.tags),
    properties: {
      profileStatus: profile.profileStatus,
      trafficRoutingMethod: profile.trafficRoutingMethod,
      dnsConfig: { relativeName: profile.relativeName, ttl: profile.ttl },
      monitorConfig: compact({
        ...profile.monitor,
        customHeaders: profile.monitor.customHeaders?.map((header) => ({ ...header })),
        expectedStatusCodeRanges: profile.monitor.expectedStatusCodeRanges?.map((range) => ({ ...range })),
      }),
      endpoints,
    },
  };
}

export interface RecordSetShape {
  readonly ttl: number;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly targetResourceId?: string;
  readonly cname?: string;
  /** Other record types' values in their ARM field (`ARecords`, `TXTRecords`, ...), for foreign drift. */
  readonly records?: Readonly<Record<string, JsonValue>>;
}

export function recordSetBody(set: RecordSetShape): JsonValue {
  return compact({
    TTL: set.ttl,
    metadata: set.metadata && Object.keys(set.metadata).length > 0 ? sortedRecord(set.metadata) : undefined,
    targetResource: set.targetResourceId === undefined ? undefined : { id: set.targetResourceId.toLowerCase() },
    CNAMERecord: set.cname === undefined ? undefined : { cname: set.cname },
    ...set.records,
  });
}

function compact(record: Record<string, JsonValue | undefined>): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}

function sortedRecord(record: Readonly<Record<string, string>>): { [key: string]: string } {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
