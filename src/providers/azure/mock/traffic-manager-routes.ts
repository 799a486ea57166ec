import { geographicHierarchy } from '../../../geo/traffic-manager-hierarchy.js';
import { type AzureMockState, type ProfileState, profileId, type ResourceScope, scopeKey } from './state.js';
import { parseEndpointType } from './traffic-manager-endpoints.js';
import {
  checkPrioritiesAllOrNone,
  checkProfile,
  domainTakenMessage,
  endpointResource,
  profileResource,
} from './traffic-manager-rules.js';
import {
  ArmError,
  type AzureMockLimits,
  badRequest,
  empty,
  isObject,
  json,
  type ParsedPath,
  type RouteContext,
  type RouteMatch,
  type TrafficManagerRateClass,
} from './wire.js';

/** Routes of Traffic Manager, api-version 2022-04-01 (Microsoft.Network/trafficmanagerprofiles). */
export function matchTrafficManagerRoute({ method, segments: s }: ParsedPath): RouteMatch | undefined {
  const l = s.map((segment) => segment.toLowerCase());
  if (l[0] === 'providers' && l[1] === 'microsoft.network' && s.length === 4) {
    if (method === 'GET' && l[2] === 'trafficmanagergeographichierarchies' && l[3] === 'default') {
      return {
        operation: 'GeographicHierarchies_GetDefault',
        rate: tmRate('tenant', 'geo-hierarchy', 'trafficManagerGeographicHierarchies/read'),
        run: async () => json(200, hierarchyResource()),
      };
    }
    return undefined;
  }
  if (l[0] === 'providers' && l[2] === 'checktrafficmanagernameavailability' && method === 'POST') {
    return {
      operation: 'Profiles_CheckTrafficManagerRelativeDnsNameAvailability',
      rate: tmRate('tenant', 'name-availability', 'checkTrafficManagerNameAvailability/action'),
      run: nameAvailability,
    };
  }
  if (l[0] !== 'subscriptions' || s[1] === undefined) return undefined;
  const subscriptionId = s[1];
  const sub = subscriptionId.toLowerCase();
  if (s.length === 5 && l[2] === 'providers' && l[3] === 'microsoft.network') {
    if (l[4] === 'trafficmanagerprofiles' && method === 'GET') {
      return {
        operation: 'Profiles_ListBySubscription',
        rate: tmRate(sub, 'profile-list', 'trafficManagerProfiles/read'),
        run: (c) => listProfiles(c, subscriptionId),
      };
    }
    if (l[4] === 'checktrafficmanagernameavailabilityv2' && method === 'POST') {
      return {
        operation: 'Profiles_checkTrafficManagerNameAvailabilityV2',
        rate: tmRate(sub, 'name-availability', 'checkTrafficManagerNameAvailabilityV2/action'),
        run: nameAvailability,
      };
    }
    return undefined;
  }
  if (l[2] !== 'resourcegroups' || l[4] !== 'providers' || l[5] !== 'microsoft.network') return undefined;
  if (l[6] !== 'trafficmanagerprofiles') return undefined;
  const scope: ResourceScope = { subscriptionId, resourceGroup: s[3] ?? '' };
  if (s.length === 7) {
    return method === 'GET'
      ? {
          operation: 'Profiles_ListByResourceGroup',
          rate: tmRate(sub, 'profile-list', 'trafficManagerProfiles/read'),
          run: (c) => listProfiles(c, subscriptionId, scope),
        }
      : undefined;
  }
  const name = s[7] ?? '';
  if (s.length === 8) return profileRoute(method, scope, name);
  const endpointType = parseEndpointType(s[8]);
  if (s.length !== 10 || endpointType === undefined) return undefined;
  return endpointRoute(method, scope, name, endpointType, s[9] ?? '');
}

/** A Traffic Manager budget of the subscription (or of the tenant, for routes outside one). */
function tmRate(scope: string, kind: TrafficManagerRateClass, action: string) {
  return { scope: `trafficManager ${scope}`, kind, action: `Microsoft.Network/${action}` };
}

function profileRoute(method: string, scope: ResourceScope, name: string): RouteMatch | undefined {
  const sub = scope.subscriptionId.toLowerCase();
  switch (method) {
    case 'GET':
      return {
        operation: 'Profiles_Get',
        rate: tmRate(sub, 'profile-get', 'trafficManagerProfiles/read'),
        run: async (c) => json(200, profileResource(findProfile(await c.store.read(), scope, name))),
      };
    case 'PUT':
    case 'PATCH':
      return {
        operation: method === 'PUT' ? 'Profiles_CreateOrUpdate' : 'Profiles_Update',
        rate: tmRate(sub, 'profile-write', 'trafficManagerProfiles/write'),
        run: (c) =>
          c.store.update((state) => {
            if (!isObject(c.body)) throw badRequest('The request body must be a JSON Traffic Manager profile.');
            const existing = state.profiles[scopeKey(scope, name)];
            if (existing === undefined && method === 'PUT') checkProfileQuota(state, scope, c.limits);
            if (method === 'PUT') checkPrioritiesAllOrNone(c.body);
            const body = method === 'PUT' ? c.body : mergeProfile(existing ?? findProfile(state, scope, name), c.body);
            const profile = checkProfile(state, scope, name, body, c.limits);
            state.profiles[scopeKey(scope, name)] = profile;
            return json(existing || method === 'PATCH' ? 200 : 201, profileResource(profile));
          }),
      };
    case 'DELETE':
      return {
        operation: 'Profiles_Delete',
        rate: tmRate(sub, 'profile-delete', 'trafficManagerProfiles/delete'),
        run: (c) =>
          c.store.update((state) => {
            const key = scopeKey(scope, name);
            const profile = state.profiles[key];
            if (!profile) return empty(204);
            if (!c.limits.deleteNestedProfiles) refuseNestedDelete(state, profile);
            delete state.profiles[key];
            return empty(200);
          }),
      };
    default:
      return undefined;
  }
}

/**
 * A profile that another one nests is not deleted (AzureMockLimits.deleteNestedProfiles: the
 * stricter reading of an undocumented answer; status, code and message UNCONFIRMED).
 */
function refuseNestedDelete(state: AzureMockState, profile: ProfileState): void {
  const id = profileId(profile).toLowerCase();
  for (const parent of Object.values(state.profiles)) {
    const nesting = parent.endpoints.find(
      (endpoint) =>
        endpoint.type === 'NestedEndpoints' && String(endpoint.properties.targetResourceId).toLowerCase() === id,
    );
    if (nesting === undefined) continue;
    throw new ArmError(
      409,
      'Conflict',
      `The Traffic Manager profile '${profile.name}' cannot be deleted: it is the nested endpoint '${nesting.name}' of profile '${parent.name}'. Remove that endpoint (or delete '${parent.name}') first.`,
    );
  }
}

/** PATCH replaces the top-level properties it names and keeps the rest. */
function mergeProfile(profile: ProfileState, patch: Record<string, unknown>): Record<string, unknown> {
  const current = profileResource(profile);
  const properties = isObject(current.properties) ? current.properties : {};
  return {
    ...current,
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    properties: { ...properties, ...(isObject(patch.properties) ? patch.properties : {}) },
  };
}

function endpointRoute(
  method: string,
  scope: ResourceScope,
  profileName: string,
  type: string,
  endpointName: string,
): RouteMatch | undefined {
  const operation = {
    GET: 'Endpoints_Get',
    PUT: 'Endpoints_CreateOrUpdate',
    PATCH: 'Endpoints_Update',
    DELETE: 'Endpoints_Delete',
  }[method];
  if (operation === undefined) return undefined;
  const rate = tmRate(
    scope.subscriptionId.toLowerCase(),
    method === 'GET' ? 'endpoint-get' : 'endpoint-write',
    `trafficManagerProfiles/${type}/${method === 'GET' ? 'read' : method === 'DELETE' ? 'delete' : 'write'}`,
  );
  const same = (endpoint: { name: string; type: string }) =>
    endpoint.name.toLowerCase() === endpointName.toLowerCase() && endpoint.type === type;
  if (method === 'GET') {
    return {
      operation,
      rate,
      run: async (c) => {
        const profile = findProfile(await c.store.read(), scope, profileName);
        const endpoint = profile.endpoints.find(same);
        if (!endpoint) throw endpointNotFound(endpointName);
        return json(200, endpointResource(profile, endpoint));
      },
    };
  }
  return {
    operation,
    rate,
    run: (c) =>
      c.store.update((state) => {
        const profile = findProfile(state, scope, profileName);
        const current = profileResource(profile);
        const properties = current.properties as Record<string, unknown>;
        const endpoints = properties.endpoints as Record<string, unknown>[];
        const index = profile.endpoints.findIndex(same);
        if (method === 'DELETE') {
          if (index < 0) return empty(204);
          endpoints.splice(index, 1);
        } else {
          if (!isObject(c.body)) throw badRequest('The request body must be a JSON endpoint.');
          if (method === 'PATCH' && index < 0) throw endpointNotFound(endpointName);
          const before = index >= 0 ? endpoints[index] : undefined;
          const beforeProperties = isObject(before?.properties) ? before.properties : {};
          const patch = isObject(c.body.properties) ? c.body.properties : {};
          const next = {
            name: endpointName,
            type,
            properties: method === 'PATCH' ? { ...beforeProperties, ...patch } : patch,
          };
          if (index >= 0) endpoints[index] = next;
          else endpoints.push(next);
        }
        const updated = checkProfile(state, scope, profileName, current, c.limits);
        state.profiles[scopeKey(scope, profileName)] = updated;
        if (method === 'DELETE') return empty(200);
        const saved = updated.endpoints.find(same);
        return json(index >= 0 ? 200 : 201, saved ? endpointResource(updated, saved) : {});
      }),
  };
}

/**
 * 200 profiles per subscription by default ("Traffic Manager limits"; raisable through Azure
 * Support, `limits.profilesPerSubscription`). The status, code and message of the refusal are
 * UNCONFIRMED (no public transcript found); a create past the limit is refused, an update is not.
 */
function checkProfileQuota(state: AzureMockState, scope: ResourceScope, limits: AzureMockLimits): void {
  const sub = scope.subscriptionId.toLowerCase();
  const count = Object.values(state.profiles).filter((p) => p.subscriptionId.toLowerCase() === sub).length;
  if (count < limits.profilesPerSubscription) return;
  throw badRequest(
    `The subscription '${scope.subscriptionId}' has reached its limit of ${limits.profilesPerSubscription} Traffic Manager profiles. Delete a profile, or ask Azure Support to raise the limit.`,
  );
}

function findProfile(state: AzureMockState, scope: ResourceScope, name: string): ProfileState {
  const profile = state.profiles[scopeKey(scope, name)];
  if (profile) return profile;
  throw new ArmError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.Network/trafficManagerProfiles/${name}' under resource group '${scope.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

function endpointNotFound(name: string): ArmError {
  return new ArmError(404, 'NotFound', `The endpoint '${name}' does not exist.`);
}

async function listProfiles(c: RouteContext, subscriptionId: string, scope?: ResourceScope) {
  const state = await c.store.read();
  const profiles = Object.values(state.profiles)
    .filter((profile) => profile.subscriptionId.toLowerCase() === subscriptionId.toLowerCase())
    .filter((profile) => !scope || profile.resourceGroup.toLowerCase() === scope.resourceGroup.toLowerCase())
    .sort((a, b) => a.name.localeCompare(b.name));
  return json(200, { value: profiles.map(profileResource) });
}

async function nameAvailability(c: RouteContext) {
  const body = isObject(c.body) ? c.body : {};
  const name = String(body.name ?? '');
  const state = await c.store.read();
  const taken = Object.values(state.profiles).some(
    (profile) =>
      isObject(profile.properties.dnsConfig) &&
      String(profile.properties.dnsConfig.relativeName).toLowerCase() === name.toLowerCase(),
  );
  return json(200, {
    name,
    type: body.type ?? 'Microsoft.Network/trafficManagerProfiles',
    nameAvailable: !taken,
    ...(taken ? { reason: 'AlreadyExists', message: domainTakenMessage(name) } : {}),
  });
}

function hierarchyResource(): Record<string, unknown> {
  return {
    id: '/providers/Microsoft.Network/trafficManagerGeographicHierarchies/default',
    name: 'default',
    type: 'Microsoft.Network/trafficManagerGeographicHierarchies',
    properties: { geographicHierarchy: geographicHierarchy() },
  };
}
