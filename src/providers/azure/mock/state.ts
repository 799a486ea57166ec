import { fileStore, memoryStore, type StateStore } from '../../mock/state-store.js';

/**
 * The Azure mock's persistent state: plain JSON so it can live in a state file shared by successive
 * commands. Resources are kept in their ARM wire shape (`properties` as the API returns them, minus
 * computed fields) so the routes mostly copy data in and out. Map keys are lower-case because ARM
 * resource names are case-insensitive; the stored `name` keeps the caller's casing.
 */
export interface AzureMockState {
  readonly version: 1;
  /** Feeds etag generation; persisted so etags never repeat across processes sharing a file. */
  etagCounter: number;
  zones: Record<string, ZoneState>;
  profiles: Record<string, ProfileState>;
}

export interface ResourceScope {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
}

export interface ZoneState extends ResourceScope {
  name: string;
  location: string;
  tags?: Record<string, string>;
  etag: string;
  /** Keyed by `recordSetKey(type, name)`. */
  recordSets: Record<string, RecordSetState>;
}

export const RECORD_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The `properties.<field>` that holds each type's records (ARM 2018-05-01 spelling). */
export const RECORD_FIELDS: Readonly<Record<RecordType, string>> = {
  A: 'ARecords',
  AAAA: 'AAAARecords',
  CAA: 'caaRecords',
  CNAME: 'CNAMERecord',
  MX: 'MXRecords',
  NS: 'NSRecords',
  PTR: 'PTRRecords',
  SOA: 'SOARecord',
  SRV: 'SRVRecords',
  TXT: 'TXTRecords',
};

export interface RecordSetState {
  name: string;
  type: RecordType;
  etag: string;
  /** ARM `properties` as written (TTL, metadata, targetResource, the type's record field). */
  properties: Record<string, unknown>;
}

export const ENDPOINT_TYPES = ['AzureEndpoints', 'ExternalEndpoints', 'NestedEndpoints'] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export interface EndpointState {
  name: string;
  type: EndpointType;
  /** ARM endpoint `properties` (target, targetResourceId, weight, geoMapping, endpointStatus, ...). */
  properties: Record<string, unknown>;
}

export interface ProfileState extends ResourceScope {
  name: string;
  location: string;
  tags?: Record<string, string>;
  /** ARM profile `properties` without `endpoints` (kept separately, typed). */
  properties: Record<string, unknown>;
  endpoints: EndpointState[];
}

export function emptyAzureState(): AzureMockState {
  return { version: 1, etagCounter: 0, zones: {}, profiles: {} };
}

/** In memory for tests; in a JSON file (locked, atomic) so separate processes share what was applied. */
export function createAzureMockStore(path?: string): StateStore<AzureMockState> {
  return path === undefined ? memoryStore(emptyAzureState()) : fileStore(path, emptyAzureState);
}

export function scopeKey(scope: ResourceScope, name: string): string {
  return `${scope.subscriptionId}/${scope.resourceGroup}/${name}`.toLowerCase();
}

export function recordSetKey(type: RecordType, name: string): string {
  return `${type}/${name.toLowerCase()}`;
}

/** Etags look like the GUIDs ARM returns, and are unique per state. */
export function nextEtag(state: AzureMockState): string {
  state.etagCounter += 1;
  const hex = state.etagCounter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function resourceGroupId(scope: ResourceScope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}`;
}

export function zoneId(zone: ZoneState): string {
  return `${resourceGroupId(zone)}/providers/Microsoft.Network/dnszones/${zone.name}`;
}

export function profileId(profile: ResourceScope & { name: string }): string {
  return `${resourceGroupId(profile)}/providers/Microsoft.Network/trafficManagerProfiles/${profile.name}`;
}

const PROFILE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)$/i;

/** Finds the profile an ARM id names (case-insensitively), if it exists. */
export function findProfileById(state: AzureMockState, id: string): ProfileState | undefined {
  const match = PROFILE_ID.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  return state.profiles[scopeKey({ subscriptionId, resourceGroup }, name)];
}

export function isTrafficManagerProfileId(id: string): boolean {
  return PROFILE_ID.test(id);
}

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

export function isEndpointType(value: string): value is EndpointType {
  return (ENDPOINT_TYPES as readonly string[]).includes(value);
}

export const MONITOR_STATUSES = ['Online', 'Degraded', 'Stopped', 'CheckingEndpoint', 'Inactive'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/**
 * The mock runs no health probes; tests and what-if runs mark an endpoint's probe result here
 * (inside `store.update`). Profile updates keep the mark; disabling the endpoint overrides it.
 * Returns false when the profile or endpoint does not exist.
 */
export function setEndpointHealth(
  state: AzureMockState,
  id: string,
  endpointName: string,
  status: MonitorStatus,
): boolean {
  const endpoint = findProfileById(state, id)?.endpoints.find(
    (item) => item.name.toLowerCase() === endpointName.toLowerCase(),
  );
  if (!endpoint) return false;
  if (endpoint.properties.endpointStatus !== 'Disabled') endpoint.properties.endpointMonitorStatus = status;
  return true;
}
