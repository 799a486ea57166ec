import { isIP } from 'node:net';
import {
  type AzureMockState,
  findProfileById,
  isTrafficManagerProfileId,
  type ProfileState,
  RECORD_FIELDS,
  type RecordSetState,
  type RecordType,
  type ZoneState,
  zoneId,
} from './state.js';
import { ArmError, type AzureMockLimits, badRequest, isObject, stringRecord } from './wire.js';

/**
 * Record-set rules of Azure DNS (api-version 2018-05-01) and the wire shapes it returns. Messages
 * quoted from the service are marked in docs/mock-azure.md; the others are the mock's wording.
 */

const MAX_TTL = 2_147_483_647;

export function recordSetResource(zone: ZoneState, set: RecordSetState): Record<string, unknown> {
  const field = RECORD_FIELDS[set.type];
  const properties: Record<string, unknown> = { ...set.properties };
  if (properties[field] === undefined && set.type !== 'CNAME' && set.type !== 'SOA') properties[field] = [];
  properties.fqdn = set.name === '@' ? `${zone.name}.` : `${set.name}.${zone.name}.`;
  properties.provisioningState = 'Succeeded';
  return {
    id: `${zoneId(zone)}/${set.type}/${set.name}`,
    name: set.name,
    type: `Microsoft.Network/dnszones/${set.type}`,
    etag: set.etag,
    properties,
  };
}

export function recordCount(type: RecordType, properties: Record<string, unknown>): number {
  const records = properties[RECORD_FIELDS[type]];
  if (Array.isArray(records)) return records.length;
  return records === undefined || records === null ? 0 : 1;
}

/**
 * Checks a record set's `properties` as PUT (or PATCH, after merging) would store them, and returns
 * them without read-only fields. Throws ArmError for anything Azure refuses.
 */
export function checkRecordSet(
  state: AzureMockState,
  type: RecordType,
  name: string,
  input: unknown,
  limits: AzureMockLimits,
): Record<string, unknown> {
  const properties = isObject(input) ? { ...input } : {};
  delete properties.fqdn;
  delete properties.provisioningState;
  const own = RECORD_FIELDS[type];
  for (const [otherType, field] of Object.entries(RECORD_FIELDS)) {
    if (field === own || properties[field] === undefined || properties[field] === null) continue;
    const value = properties[field];
    if (Array.isArray(value) && value.length === 0) {
      delete properties[field];
      continue;
    }
    throw badRequest(`A record set of type '${type}' cannot contain records of type '${otherType}'.`);
  }
  checkTtl(properties.TTL);
  const metadata = stringRecord(properties.metadata, 'metadata');
  if (metadata === undefined) delete properties.metadata;
  checkRecords(type, properties[own]);
  const count = recordCount(type, properties);
  if (count > limits.recordsPerRecordSet) {
    throw badRequest(
      `The record set '${name}' has ${count} records; a record set can hold at most ${limits.recordsPerRecordSet}.`,
    );
  }
  checkAlias(state, type, name, properties, count, limits);
  return properties;
}

function checkTtl(ttl: unknown): void {
  if (ttl === undefined) return;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) {
    throw badRequest(`The TTL value '${String(ttl)}' is invalid; it must be an integer from 0 to ${MAX_TTL}.`);
  }
}

function checkRecords(type: RecordType, records: unknown): void {
  if (records === undefined || records === null) return;
  if (type === 'CNAME' || type === 'SOA') {
    if (!isObject(records)) throw badRequest(`The ${RECORD_FIELDS[type]} value must be an object.`);
    if (type === 'CNAME' && (typeof records.cname !== 'string' || records.cname === '')) {
      throw badRequest('The CNAME record must have a non-empty cname.');
    }
    return;
  }
  if (!Array.isArray(records) || !records.every(isObject)) {
    throw badRequest(`The ${RECORD_FIELDS[type]} value must be an array of records.`);
  }
  for (const record of records) {
    if (type === 'A' && (typeof record.ipv4Address !== 'string' || isIP(record.ipv4Address) !== 4)) {
      throw badRequest(`The IPv4 address '${String(record.ipv4Address)}' is invalid.`);
    }
    if (type === 'AAAA' && (typeof record.ipv6Address !== 'string' || isIP(record.ipv6Address) !== 6)) {
      throw badRequest(`The IPv6 address '${String(record.ipv6Address)}' is invalid.`);
    }
    if (type === 'TXT') checkTxt(record.value);
  }
}

function checkTxt(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
    throw badRequest('A TXT record must have a value that is a non-empty array of strings.');
  }
  // Source: Azure docs "DNS zones and records" (TXT records): each string at most 255 characters.
  if (value.some((item: string) => item.length > 255)) {
    throw badRequest('A TXT record string can be at most 255 characters long.');
  }
}

function checkAlias(
  state: AzureMockState,
  type: RecordType,
  name: string,
  properties: Record<string, unknown>,
  count: number,
  limits: AzureMockLimits,
): void {
  const target = properties.targetResource;
  if (target === undefined || target === null) return;
  if (!isObject(target) || target.id === undefined || target.id === null) {
    delete properties.targetResource;
    return;
  }
  if (typeof target.id !== 'string') throw badRequest('The targetResource id must be a string.');
  if (type !== 'A' && type !== 'AAAA' && type !== 'CNAME') {
    throw badRequest(`Alias record sets are supported for types A, AAAA and CNAME only, not '${type}'.`);
  }
  if (count > 0) throw badRequest(`The alias record set '${name}' cannot also contain records.`);
  if (!isTrafficManagerProfileId(target.id)) {
    throw badRequest(
      `The mock supports alias targets of type Microsoft.Network/trafficManagerProfiles only ('${target.id}').`,
    );
  }
  const profile = findProfileById(state, target.id);
  if (!profile) throw badRequest(`The target resource '${target.id}' of alias record set '${name}' does not exist.`);
  // A CNAME alias may target any profile (nested ones included); only A/AAAA are checked.
  if (type === 'CNAME') return;
  const problem = aliasLeafProblem(state, profile, type === 'A' ? 4 : 6, limits, 0);
  if (problem !== undefined) throw badRequest(ALIAS_TARGET_MESSAGE);
}

/**
 * Azure DNS's words when an A/AAAA alias targets a profile with a nested, Azure or FQDN endpoint,
 * as the portal quotes them (MicrosoftDocs/azure-docs #68893: "Failed to create record set '@'.
 * Error: RecordSets of type A or AAAA must reference a traffic manager profile with endpoints
 * containing valid IP addresses"). Status 400 and code `BadRequest` are UNCONFIRMED (no public
 * transcript shows them); the check runs only when the record set is written, so endpoints added
 * to an aliased profile later are accepted (octodns/octodns #738), as here.
 */
export const ALIAS_TARGET_MESSAGE =
  'RecordSets of type A or AAAA must reference a traffic manager profile with endpoints containing valid IP addresses';

/** Azure docs "Azure DNS alias records overview": A/AAAA aliases need external endpoints with IP targets. */
function aliasLeafProblem(
  state: AzureMockState,
  profile: ProfileState,
  family: 4 | 6,
  limits: AzureMockLimits,
  depth: number,
): string | undefined {
  if (depth > limits.nestingDepth) return 'profiles are nested too deeply';
  for (const endpoint of profile.endpoints) {
    if (endpoint.type === 'NestedEndpoints') {
      if (!limits.aliasThroughNestedProfiles) return `endpoint '${endpoint.name}' is a nested endpoint`;
      const child = findProfileById(state, String(endpoint.properties.targetResourceId ?? ''));
      const problem = child && aliasLeafProblem(state, child, family, limits, depth + 1);
      if (problem !== undefined) return problem;
      continue;
    }
    if (endpoint.type !== 'ExternalEndpoints') return `endpoint '${endpoint.name}' is not an external endpoint`;
    const target = endpoint.properties.target;
    if (typeof target !== 'string' || isIP(target) !== family) {
      return `endpoint '${endpoint.name}' target '${String(target)}' is not an IPv${family} address`;
    }
  }
  return undefined;
}

/** Azure DNS refuses a CNAME next to any other record set of the same name, in both orders. */
export function checkCnameConflict(zone: ZoneState, type: RecordType, name: string): void {
  const lower = name.toLowerCase();
  const others = Object.values(zone.recordSets).filter((set) => set.name.toLowerCase() === lower);
  if (type === 'CNAME' && others.some((set) => set.type !== 'CNAME')) {
    throw new ArmError(
      409,
      'Conflict',
      'The CNAME record could not be created because another record with the same name already exists in this zone.',
    );
  }
  if (type !== 'CNAME' && others.some((set) => set.type === 'CNAME')) {
    throw new ArmError(
      409,
      'Conflict',
      'The record could not be created because a CNAME record with the same name already exists in this zone.',
    );
  }
}

/** The record sets Azure creates with every zone: SOA and NS at the apex. */
export function apexRecordSets(etag: () => string): RecordSetState[] {
  const nameServers = [
    'ns1-01.azure-dns.com.',
    'ns2-01.azure-dns.net.',
    'ns3-01.azure-dns.org.',
    'ns4-01.azure-dns.info.',
  ];
  const soa = {
    host: nameServers[0],
    email: 'azuredns-hostmaster.microsoft.com',
    serialNumber: 1,
    refreshTime: 3600,
    retryTime: 300,
    expireTime: 2419200,
    minimumTTL: 300,
  };
  return [
    { name: '@', type: 'SOA', etag: etag(), properties: { TTL: 3600, SOARecord: soa } },
    {
      name: '@',
      type: 'NS',
      etag: etag(),
      properties: { TTL: 172800, NSRecords: nameServers.map((nsdname) => ({ nsdname })) },
    },
  ];
}

export function nameServersOf(zone: ZoneState): string[] {
  const ns = zone.recordSets['NS/@']?.properties.NSRecords;
  return Array.isArray(ns) ? ns.map((record) => String((record as { nsdname?: unknown }).nsdname)) : [];
}
