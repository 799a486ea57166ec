import { checkMonitorConfig } from './monitor-rules.js';
import {
  type AzureMockState,
  type EndpointState,
  type ProfileState,
  profileId,
  type ResourceScope,
  scopeKey,
} from './state.js';
import {
  checkEndpoint,
  checkUniquePriorities,
  checkUniqueTargets,
  monitorStatus,
  oneOf,
  STATUSES,
  TYPE_SEGMENT,
} from './traffic-manager-endpoints.js';
import { ArmError, type AzureMockLimits, badRequest, isObject, stringRecord } from './wire.js';

/**
 * Profile and endpoint rules of Traffic Manager (api-version 2022-04-01) and the wire shapes it
 * returns. Sources per rule are listed in docs/mock-azure.md.
 */

const ROUTING_METHODS = ['Performance', 'Priority', 'Weighted', 'Geographic', 'MultiValue', 'Subnet'];
const MAX_TTL = 2_147_483_647;
const DEFAULT_MONITOR = {
  protocol: 'HTTP',
  port: 80,
  path: '/',
  intervalInSeconds: 30,
  timeoutInSeconds: 10,
  toleratedNumberOfFailures: 3,
};

export function profileResource(profile: ProfileState): Record<string, unknown> {
  const properties = profile.properties;
  const dnsConfig = isObject(properties.dnsConfig) ? properties.dnsConfig : {};
  const monitor = isObject(properties.monitorConfig) ? properties.monitorConfig : {};
  const online = profile.endpoints.some((endpoint) => endpoint.properties.endpointMonitorStatus === 'Online');
  const profileMonitorStatus =
    properties.profileStatus === 'Disabled'
      ? 'Disabled'
      : online
        ? 'Online'
        : profile.endpoints.length
          ? 'Degraded'
          : 'Inactive';
  return {
    id: profileId(profile),
    name: profile.name,
    type: 'Microsoft.Network/trafficManagerProfiles',
    location: profile.location,
    tags: profile.tags ?? {},
    properties: {
      ...properties,
      dnsConfig: { ...dnsConfig, fqdn: `${String(dnsConfig.relativeName)}.trafficmanager.net` },
      monitorConfig: { ...monitor, profileMonitorStatus },
      endpoints: profile.endpoints.map((endpoint) => endpointResource(profile, endpoint)),
    },
  };
}

export function endpointResource(profile: ProfileState, endpoint: EndpointState): Record<string, unknown> {
  const segment = TYPE_SEGMENT[endpoint.type];
  return {
    id: `${profileId(profile)}/${segment}/${endpoint.name}`,
    name: endpoint.name,
    type: `Microsoft.Network/trafficManagerProfiles/${segment}`,
    properties: endpoint.properties,
  };
}

/** Builds the stored profile from a PUT body (or a merged PATCH), enforcing Traffic Manager's rules. */
export function checkProfile(
  state: AzureMockState,
  scope: ResourceScope,
  name: string,
  body: Record<string, unknown>,
  limits: AzureMockLimits,
): ProfileState {
  const key = scopeKey(scope, name);
  const previous = state.profiles[key];
  if (typeof body.location !== 'string' || body.location === '') {
    throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  }
  const properties = isObject(body.properties) ? { ...body.properties } : {};
  const method = properties.trafficRoutingMethod;
  if (typeof method !== 'string' || !ROUTING_METHODS.includes(method)) {
    throw badRequest(
      `The traffic routing method '${String(method)}' is invalid; use one of ${ROUTING_METHODS.join(', ')}.`,
    );
  }
  properties.profileStatus = oneOf(properties.profileStatus ?? 'Enabled', STATUSES, 'profileStatus');
  properties.dnsConfig = checkDnsConfig(state, key, name, properties.dnsConfig, limits);
  const given = isObject(properties.monitorConfig) ? properties.monitorConfig : {};
  const monitor: Record<string, unknown> = { ...DEFAULT_MONITOR, ...given };
  // The default path belongs to the default protocol: a TCP probe sent without one has none.
  if (String(monitor.protocol).toUpperCase() === 'TCP' && given.path === undefined) delete monitor.path;
  properties.monitorConfig = monitor;
  delete (properties.monitorConfig as Record<string, unknown>).profileMonitorStatus;
  checkMonitorConfig(properties.monitorConfig as Record<string, unknown>);
  const rawEndpoints = properties.endpoints ?? [];
  delete properties.endpoints;
  if (!Array.isArray(rawEndpoints)) throw badRequest('The endpoints property must be an array.');
  if (rawEndpoints.length > limits.endpointsPerProfile) {
    throw badRequest(
      `The profile '${name}' has ${rawEndpoints.length} endpoints; a profile can have at most ${limits.endpointsPerProfile}.`,
    );
  }
  const profile: ProfileState = {
    ...scope,
    name: previous?.name ?? name,
    location: body.location,
    properties,
    endpoints: [],
  };
  const tags = stringRecord(body.tags, 'tags');
  if (tags !== undefined) profile.tags = tags;
  const seenNames = new Set<string>();
  const geoOwner = new Map<string, string>();
  for (const [index, raw] of rawEndpoints.entries()) {
    const endpoint = checkEndpoint(state, profile, raw, index, method, limits);
    if (seenNames.has(endpoint.name.toLowerCase())) {
      throw badRequest(`The endpoint name '${endpoint.name}' is used more than once in profile '${name}'.`);
    }
    seenNames.add(endpoint.name.toLowerCase());
    for (const code of (endpoint.properties.geoMapping as string[] | undefined) ?? []) {
      const owner = geoOwner.get(code);
      if (owner !== undefined) {
        throw badRequest(
          `The geographic region '${code}' is mapped to both endpoint '${owner}' and endpoint '${endpoint.name}'; a region can be mapped to only one endpoint of a profile.`,
        );
      }
      geoOwner.set(code, endpoint.name);
    }
    const before = previous?.endpoints.find((item) => item.name.toLowerCase() === endpoint.name.toLowerCase());
    endpoint.properties.endpointMonitorStatus = monitorStatus(endpoint, before);
    profile.endpoints.push(endpoint);
  }
  if (method === 'Priority') checkUniquePriorities(profile.endpoints);
  checkUniqueTargets(profile.endpoints);
  return profile;
}

/**
 * "If specified, it must be specified on all endpoints, and no two endpoints can share the same
 * priority value" (REST spec 2022-04-01, `EndpointProperties.priority`): a whole-profile PUT of a
 * Priority profile that gives some endpoints a priority and not others is refused. (Code and
 * message UNCONFIRMED.) Endpoints written one at a time are not checked: Azure has assigned the
 * others' priorities by then.
 */
export function checkPrioritiesAllOrNone(body: Record<string, unknown>): void {
  const properties = isObject(body.properties) ? body.properties : {};
  if (properties.trafficRoutingMethod !== 'Priority' || !Array.isArray(properties.endpoints)) return;
  const given = properties.endpoints.filter(
    (e) => isObject(e) && isObject(e.properties) && e.properties.priority !== undefined,
  );
  if (given.length > 0 && given.length < properties.endpoints.length) {
    throw badRequest('The priority must be specified on all endpoints of the profile, or on none.');
  }
}

/**
 * Traffic Manager's words for a relative DNS name already taken, from the REST spec's example of
 * the name availability check (NameAvailabilityV2Test_NameNotAvailable-POST-example-23.json,
 * 2022-04-01). A PUT that takes a name in use is refused with them too; its status and code (409
 * `Conflict` here) are UNCONFIRMED.
 */
export function domainTakenMessage(relativeName: string): string {
  return `Domain name ${relativeName}.trafficmanager.net already exists. Please choose a different DNS prefix.`;
}

function checkDnsConfig(
  state: AzureMockState,
  key: string,
  name: string,
  value: unknown,
  limits: AzureMockLimits,
): Record<string, unknown> {
  const config = isObject(value) ? { ...value } : {};
  delete config.fqdn;
  const relativeName = config.relativeName;
  if (
    typeof relativeName !== 'string' ||
    !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(relativeName)
  ) {
    throw badRequest(`The relative DNS name '${String(relativeName)}' is invalid.`);
  }
  const taken = Object.entries(state.profiles).some(
    ([otherKey, other]) =>
      otherKey !== key &&
      isObject(other.properties.dnsConfig) &&
      String(other.properties.dnsConfig.relativeName).toLowerCase() === relativeName.toLowerCase(),
  );
  if (taken) {
    throw new ArmError(409, 'Conflict', domainTakenMessage(relativeName));
  }
  if (config.ttl === undefined && limits.profileTtlDefault === undefined) {
    throw badRequest(`The DNS TTL of profile '${name}' is missing; set dnsConfig.ttl.`);
  }
  config.ttl = config.ttl ?? limits.profileTtlDefault;
  if (typeof config.ttl !== 'number' || !Number.isInteger(config.ttl) || config.ttl < 0 || config.ttl > MAX_TTL) {
    throw badRequest(`The DNS TTL '${String(config.ttl)}' is invalid; it must be an integer from 0 to ${MAX_TTL}.`);
  }
  return config;
}
