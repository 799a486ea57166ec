import { apexRecordSets, nameServersOf } from './dns-records.js';
import {
  type AzureMockState,
  nextEtag,
  type ResourceScope,
  recordSetKey,
  scopeKey,
  type ZoneState,
  zoneId,
} from './state.js';
import {
  ArmError,
  type AzureMockLimits,
  badRequest,
  empty,
  header,
  isObject,
  json,
  page,
  type RouteContext,
  type RouteMatch,
  stringRecord,
} from './wire.js';

/** Azure DNS zones (api-version 2018-05-01), and the parent-zone and precondition checks record sets share. */

export function zoneRoute(method: string, scope: ResourceScope, zoneName: string): RouteMatch | undefined {
  switch (method) {
    case 'GET':
      return {
        operation: 'Zones_Get',
        run: async (c) => json(200, zoneResource(findZone(await c.store.read(), scope, zoneName), c.limits)),
      };
    case 'PUT':
      return { operation: 'Zones_CreateOrUpdate', run: (c) => putZone(c, scope, zoneName, false) };
    case 'PATCH':
      return { operation: 'Zones_Update', run: (c) => putZone(c, scope, zoneName, true) };
    case 'DELETE':
      return {
        operation: 'Zones_Delete',
        run: (c) =>
          c.store.update((state) => {
            const key = scopeKey(scope, zoneName);
            checkPreconditions(c, 'Zone', zoneName, state.zones[key]);
            if (!state.zones[key]) return empty(204);
            delete state.zones[key];
            return empty(200);
          }),
      };
    default:
      return undefined;
  }
}

function zoneResource(zone: ZoneState, limits: AzureMockLimits): Record<string, unknown> {
  return {
    id: zoneId(zone),
    name: zone.name,
    type: 'Microsoft.Network/dnszones',
    location: zone.location,
    tags: zone.tags ?? {},
    etag: zone.etag,
    properties: {
      maxNumberOfRecordSets: limits.recordSetsPerZone,
      maxNumberOfRecordsPerRecordSet: limits.recordsPerRecordSet,
      numberOfRecordSets: Object.keys(zone.recordSets).length,
      nameServers: nameServersOf(zone),
      zoneType: 'Public',
    },
  };
}

export function findZone(state: AzureMockState, scope: ResourceScope, zoneName: string): ZoneState {
  const zone = state.zones[scopeKey(scope, zoneName)];
  if (zone) return zone;
  throw new ArmError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.Network/dnszones/${zoneName}' under resource group '${scope.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

export function parentZone(state: AzureMockState, scope: ResourceScope, zoneName: string): ZoneState {
  const zone = state.zones[scopeKey(scope, zoneName)];
  if (zone) return zone;
  throw new ArmError(
    404,
    'ParentResourceNotFound',
    `Can not perform requested operation on nested resource. Parent resource '${zoneName}' not found.`,
  );
}

/** If-Match / If-None-Match as Azure DNS applies them to zones and record sets. */
export function checkPreconditions(
  c: RouteContext,
  what: 'Zone' | 'Record set',
  name: string,
  existing?: { etag: string },
) {
  const ifMatch = header(c.request, 'if-match');
  const ifNoneMatch = header(c.request, 'if-none-match');
  if (ifMatch !== undefined && ifMatch !== '') {
    const wanted = ifMatch.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
    if (!existing) throw new ArmError(412, 'PreconditionFailed', `The ${what} ${name} does not exist.`);
    if (wanted !== '*' && wanted !== existing.etag) {
      throw new ArmError(412, 'PreconditionFailed', `The ${what} ${name} has been modified (etag mismatch).`);
    }
  }
  if (ifNoneMatch === '*' && existing) {
    throw new ArmError(
      412,
      'PreconditionFailed',
      `The ${what} ${name} exists already and hence cannot be created again.`,
    );
  }
}

function putZone(c: RouteContext, scope: ResourceScope, zoneName: string, patch: boolean) {
  return c.store.update((state) => {
    const key = scopeKey(scope, zoneName);
    const existing = state.zones[key];
    checkPreconditions(c, 'Zone', zoneName, existing);
    const body = isObject(c.body) ? c.body : {};
    const tags = stringRecord(body.tags, 'tags');
    if (patch) {
      const zone = findZone(state, scope, zoneName);
      if (tags !== undefined) zone.tags = tags;
      zone.etag = nextEtag(state);
      return json(200, zoneResource(zone, c.limits));
    }
    if (typeof body.location !== 'string' || body.location === '') {
      throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
    }
    checkZoneName(zoneName);
    const zone: ZoneState = existing ?? {
      ...scope,
      name: zoneName,
      location: body.location,
      etag: '',
      recordSets: Object.fromEntries(
        apexRecordSets(() => nextEtag(state)).map((set) => [recordSetKey(set.type, '@'), set]),
      ),
    };
    if (tags === undefined) delete zone.tags;
    else zone.tags = tags;
    zone.etag = nextEtag(state);
    state.zones[key] = zone;
    return json(existing ? 200 : 201, zoneResource(zone, c.limits));
  });
}

function checkZoneName(name: string): void {
  const labels = name.replace(/\.$/, '').split('.');
  const valid = labels.every((label) => /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label));
  if (labels.length < 2 || labels.length > 34 || !valid) {
    throw badRequest(`The zone name '${name}' is invalid: it needs 2 to 34 labels of letters, digits, '-' or '_'.`);
  }
}

export async function listZones(c: RouteContext, subscriptionId: string, scope?: ResourceScope) {
  const state = await c.store.read();
  const zones = Object.values(state.zones)
    .filter((zone) => zone.subscriptionId.toLowerCase() === subscriptionId.toLowerCase())
    .filter((zone) => !scope || zone.resourceGroup.toLowerCase() === scope.resourceGroup.toLowerCase())
    .sort((a, b) => a.name.localeCompare(b.name));
  return json(
    200,
    page(
      zones.map((zone) => zoneResource(zone, c.limits)),
      c.url,
      c.limits.defaultPageSize,
    ),
  );
}
