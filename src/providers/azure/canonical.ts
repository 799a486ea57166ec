import type { RecordSet } from '@azure/arm-dns';
import type { Endpoint, MonitorConfig, Profile } from '@azure/arm-trafficmanager';
import {
  AZURE_ENDPOINT_TYPE,
  type EndpointShape,
  EXTERNAL_TYPE,
  type MonitorShape,
  NESTED_TYPE,
  profileBody,
  recordSetBody,
} from '../../render/azure-bodies.js';
import { shortHash } from '../../render/azure-names.js';
import type { JsonValue } from '../../render/types.js';
import { canonicalJson } from '../../util/json.js';

/**
 * SDK models ↔ the canonical bodies the renderer produces (render/azure-bodies.ts). Reading
 * goes through the same body builders as rendering, so an unchanged resource diffs as equal;
 * writing turns a body back into the SDK's flattened model.
 */

/** SDK record field → ARM wire field, for every record type a record set can hold. */
const RECORD_FIELDS: ReadonlyArray<readonly [keyof RecordSet, string]> = [
  ['aRecords', 'ARecords'],
  ['aaaaRecords', 'AAAARecords'],
  ['mxRecords', 'MXRecords'],
  ['nsRecords', 'NSRecords'],
  ['ptrRecords', 'PTRRecords'],
  ['srvRecords', 'SRVRecords'],
  ['txtRecords', 'TXTRecords'],
  ['caaRecords', 'caaRecords'],
  ['soaRecord', 'SOARecord'],
];

export function recordSetFromSdk(set: RecordSet): JsonValue {
  const records: Record<string, JsonValue> = {};
  for (const [sdk, wire] of RECORD_FIELDS) {
    const value = set[sdk] as JsonValue | undefined;
    if (Array.isArray(value) && value.length > 0) records[wire] = [...value].map(plain).sort(byJson);
    else if (value !== undefined && value !== null && !Array.isArray(value)) records[wire] = plain(value);
  }
  return recordSetBody({
    ttl: set.ttl ?? 3600,
    ...(set.metadata ? { metadata: set.metadata } : {}),
    ...(set.targetResource?.id ? { targetResourceId: set.targetResource.id } : {}),
    ...(set.cnameRecord?.cname ? { cname: set.cnameRecord.cname } : {}),
    records,
  });
}

export function recordSetToSdk(body: JsonValue): RecordSet {
  const b = body as Record<string, unknown>;
  const set: RecordSet = { ttl: b.TTL as number };
  if (b.metadata) set.metadata = b.metadata as Record<string, string>;
  if (b.targetResource) set.targetResource = { id: (b.targetResource as { id: string }).id };
  if (b.CNAMERecord) set.cnameRecord = b.CNAMERecord as { cname: string };
  for (const [sdk, wire] of RECORD_FIELDS) {
    if (b[wire] !== undefined) (set as Record<string, unknown>)[sdk] = b[wire];
  }
  return set;
}

export function profileFromSdk(profile: Profile): JsonValue {
  const protocol = profile.monitorConfig?.protocol ?? 'HTTP';
  return profileBody({
    tags: profile.tags ?? {},
    profileStatus: profile.profileStatus ?? 'Enabled',
    trafficRoutingMethod: profile.trafficRoutingMethod ?? '',
    relativeName: profile.dnsConfig?.relativeName ?? '',
    ttl: profile.dnsConfig?.ttl ?? 60,
    monitor: monitorFromSdk(protocol, profile.monitorConfig ?? {}),
    endpoints: (profile.endpoints ?? []).map(endpointFromSdk),
  });
}

function monitorFromSdk(protocol: string, config: MonitorConfig): MonitorShape {
  // A TCP probe has no path; Azure (and the mock) may still echo a default one.
  return {
    protocol,
    port: config.port ?? 80,
    ...(protocol.toUpperCase() === 'TCP' || config.path === undefined ? {} : { path: config.path }),
    intervalInSeconds: config.intervalInSeconds ?? 30,
    timeoutInSeconds: config.timeoutInSeconds ?? 10,
    toleratedNumberOfFailures: config.toleratedNumberOfFailures ?? 3,
    ...(config.customHeaders === undefined || config.customHeaders.length === 0
      ? {}
      : { customHeaders: config.customHeaders.map((h) => ({ name: h.name ?? '', value: h.value ?? '' })) }),
    ...(config.expectedStatusCodeRanges === undefined || config.expectedStatusCodeRanges.length === 0
      ? {}
      : {
          expectedStatusCodeRanges: config.expectedStatusCodeRanges.map((r) => ({ min: r.min ?? 0, max: r.max ?? 0 })),
        }),
  };
}

const ENDPOINT_TYPES = [EXTERNAL_TYPE, NESTED_TYPE, AZURE_ENDPOINT_TYPE];

function endpointFromSdk(endpoint: Endpoint): EndpointShape {
  const type = endpoint.type ?? '';
  return {
    name: endpoint.name ?? '',
    type: ENDPOINT_TYPES.find((known) => known.toLowerCase() === type.toLowerCase()) ?? type,
    ...(endpoint.target === undefined ? {} : { target: endpoint.target }),
    ...(endpoint.targetResourceId === undefined ? {} : { targetResourceId: endpoint.targetResourceId }),
    endpointStatus: endpoint.endpointStatus ?? 'Enabled',
    ...(endpoint.weight === undefined ? {} : { weight: endpoint.weight }),
    ...(endpoint.priority === undefined ? {} : { priority: endpoint.priority }),
    ...(endpoint.minChildEndpoints === undefined ? {} : { minChildEndpoints: endpoint.minChildEndpoints }),
    ...(endpoint.geoMapping === undefined ? {} : { geoMapping: endpoint.geoMapping }),
  };
}

interface BodyEndpoint {
  readonly name: string;
  readonly type: string;
  readonly properties: Omit<Endpoint, 'name' | 'type'>;
}

export function profileToSdk(body: JsonValue): Profile {
  const b = body as unknown as {
    location: string;
    tags: Record<string, string>;
    properties: {
      profileStatus: string;
      trafficRoutingMethod: string;
      dnsConfig: { relativeName: string; ttl: number };
      monitorConfig: MonitorConfig;
      endpoints: BodyEndpoint[];
    };
  };
  const p = b.properties;
  return {
    location: b.location,
    tags: { ...b.tags },
    profileStatus: p.profileStatus,
    trafficRoutingMethod: p.trafficRoutingMethod,
    dnsConfig: { ...p.dnsConfig },
    monitorConfig: { ...p.monitorConfig },
    endpoints: p.endpoints.map((e) => ({ name: e.name, type: e.type, ...structuredClone(e.properties) })),
  };
}

/** A content version for profiles, which have no ETag in the Traffic Manager API. */
export function profileVersion(body: JsonValue): string {
  return `sha256:${shortHash(canonicalJson(body), 16)}`;
}

function plain(value: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function byJson(a: JsonValue, b: JsonValue): number {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
