import { checkCnameConflict, checkRecordSet, recordCount, recordSetResource } from './dns-records.js';
import { checkPreconditions, findZone, listZones, parentZone, zoneRoute } from './dns-zones.js';
import {
  isRecordType,
  nextEtag,
  type RecordSetState,
  type RecordType,
  type ResourceScope,
  recordSetKey,
  scopeKey,
} from './state.js';
import {
  ArmError,
  badRequest,
  empty,
  isObject,
  json,
  type ParsedPath,
  page,
  type RouteContext,
  type RouteMatch,
} from './wire.js';

/** Routes of Azure DNS, api-version 2018-05-01 (Microsoft.Network/dnsZones). */
export function matchDnsRoute({ method, segments: s }: ParsedPath): RouteMatch | undefined {
  const l = s.map((segment) => segment.toLowerCase());
  if (l[0] !== 'subscriptions' || s[1] === undefined) return undefined;
  if (s.length === 5 && l[2] === 'providers' && l[3] === 'microsoft.network' && l[4] === 'dnszones') {
    const subscriptionId = s[1];
    return method === 'GET' ? { operation: 'Zones_List', run: (c) => listZones(c, subscriptionId) } : undefined;
  }
  if (l[2] !== 'resourcegroups' || l[4] !== 'providers' || l[5] !== 'microsoft.network' || l[6] !== 'dnszones') {
    return undefined;
  }
  const scope: ResourceScope = { subscriptionId: s[1], resourceGroup: s[3] ?? '' };
  if (s.length === 7) {
    return method === 'GET'
      ? { operation: 'Zones_ListByResourceGroup', run: (c) => listZones(c, scope.subscriptionId, scope) }
      : undefined;
  }
  const zoneName = s[7] ?? '';
  const zoneKey = scopeKey(scope, zoneName);
  if (s.length === 8) return zoneRoute(method, scope, zoneName);
  const kind = l[8] ?? '';
  if (s.length === 9 && method === 'GET') {
    const action = 'Microsoft.Network/dnsZones/recordsets/read';
    const rate = { scope: zoneKey, kind: 'list', action } as const;
    if (kind === 'recordsets' || kind === 'all') {
      const operation = kind === 'all' ? 'RecordSets_ListAllByDnsZone' : 'RecordSets_ListByDnsZone';
      return { operation, rate, run: (c) => listRecordSets(c, scope, zoneName, undefined) };
    }
    const type = kind.toUpperCase();
    if (!isRecordType(type)) return undefined;
    return { operation: 'RecordSets_ListByType', rate, run: (c) => listRecordSets(c, scope, zoneName, type) };
  }
  const type = kind.toUpperCase();
  const name = s[9] ?? '';
  if (s.length !== 10 || !isRecordType(type)) return undefined;
  const target = { scope, zoneName, type, name };
  const write = { scope: zoneKey, kind: 'write', action: `Microsoft.Network/dnsZones/${type}/write` } as const;
  switch (method) {
    case 'GET':
      return {
        operation: 'RecordSets_Get',
        rate: { scope: zoneKey, kind: 'get', action: `Microsoft.Network/dnsZones/${type}/read` },
        run: (c) => getRecordSet(c, target),
      };
    case 'PUT':
      return { operation: 'RecordSets_CreateOrUpdate', rate: write, run: (c) => putRecordSet(c, target, false) };
    case 'PATCH':
      return { operation: 'RecordSets_Update', rate: write, run: (c) => putRecordSet(c, target, true) };
    case 'DELETE':
      return { operation: 'RecordSets_Delete', rate: write, run: (c) => deleteRecordSet(c, target) };
    default:
      return undefined;
  }
}

interface RecordSetTarget {
  readonly scope: ResourceScope;
  readonly zoneName: string;
  readonly type: RecordType;
  readonly name: string;
}

async function getRecordSet(c: RouteContext, t: RecordSetTarget) {
  const state = await c.store.read();
  const zone = parentZone(state, t.scope, t.zoneName);
  const set = zone.recordSets[recordSetKey(t.type, t.name)];
  if (!set) throw notFound(t);
  return json(200, recordSetResource(zone, set));
}

function notFound(t: RecordSetTarget): ArmError {
  return new ArmError(
    404,
    'NotFound',
    `The resource record '${t.name}' does not exist in resource group '${t.scope.resourceGroup}' of subscription '${t.scope.subscriptionId}'.`,
  );
}

function putRecordSet(c: RouteContext, t: RecordSetTarget, patch: boolean) {
  return c.store.update((state) => {
    const zone = parentZone(state, t.scope, t.zoneName);
    const key = recordSetKey(t.type, t.name);
    const existing = zone.recordSets[key];
    if (patch && !existing) throw notFound(t);
    checkPreconditions(c, 'Record set', t.name, existing);
    if (!isObject(c.body)) throw badRequest('The request body must be a JSON record set.');
    if (!existing) {
      if (t.type === 'SOA') {
        throw badRequest('There can be only one record set of type SOA, and it can be modified but not deleted.');
      }
      checkRecordSetName(t.name);
      checkCnameConflict(zone, t.type, t.name);
      if (Object.keys(zone.recordSets).length >= c.limits.recordSetsPerZone) {
        throw badRequest(
          `The zone '${zone.name}' already holds the maximum number of record sets (${c.limits.recordSetsPerZone}).`,
        );
      }
    }
    const input = isObject(c.body.properties) ? c.body.properties : {};
    const merged = patch && existing ? { ...existing.properties, ...input } : input;
    const properties = checkRecordSet(state, t.type, t.name, merged, c.limits);
    if (t.type === 'SOA' && recordCount('SOA', properties) === 0) properties.SOARecord = existing?.properties.SOARecord;
    const set: RecordSetState = { name: existing?.name ?? t.name, type: t.type, etag: nextEtag(state), properties };
    zone.recordSets[key] = set;
    return json(existing ? 200 : 201, recordSetResource(zone, set));
  });
}

function checkRecordSetName(name: string): void {
  const valid = name === '@' || /^(\*\.)?[A-Za-z0-9_*](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/.test(name);
  if (!valid || name.length > 253 || name.includes('..')) throw badRequest(`The record set name '${name}' is invalid.`);
}

function deleteRecordSet(c: RouteContext, t: RecordSetTarget) {
  return c.store.update((state) => {
    const zone = parentZone(state, t.scope, t.zoneName);
    if (t.name === '@' && (t.type === 'SOA' || t.type === 'NS')) {
      throw badRequest(`RecordSets of type '${t.type}' with name '@' cannot be deleted.`);
    }
    const key = recordSetKey(t.type, t.name);
    const existing = zone.recordSets[key];
    checkPreconditions(c, 'Record set', t.name, existing);
    if (!existing) return empty(204);
    delete zone.recordSets[key];
    return empty(200);
  });
}

async function listRecordSets(c: RouteContext, scope: ResourceScope, zoneName: string, type: RecordType | undefined) {
  const zone = findZone(await c.store.read(), scope, zoneName);
  const suffix = c.url.searchParams.get('$recordsetnamesuffix')?.toLowerCase();
  const sets = Object.values(zone.recordSets)
    .filter((set) => type === undefined || set.type === type)
    .filter((set) => !suffix || (suffix === '@' ? set.name === '@' : set.name.toLowerCase().endsWith(suffix)))
    .sort((a, b) => sortName(a.name).localeCompare(sortName(b.name)) || a.type.localeCompare(b.type));
  return json(
    200,
    page(
      sets.map((set) => recordSetResource(zone, set)),
      c.url,
      c.limits.defaultPageSize,
    ),
  );
}

function sortName(name: string): string {
  return name === '@' ? '' : name.toLowerCase();
}
