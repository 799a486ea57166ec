import { isIP, SocketAddress } from 'node:net';
import { isGeoMappingCode } from '../../../geo/traffic-manager-hierarchy.js';
import {
  type AzureMockState,
  type EndpointState,
  type EndpointType,
  findProfileById,
  isEndpointType,
  type ProfileState,
  scopeKey,
} from './state.js';
import { type AzureMockLimits, badRequest, isObject } from './wire.js';

/** Endpoint rules of Traffic Manager (api-version 2022-04-01); sources in docs/mock-azure.md. */

export const STATUSES = ['Enabled', 'Disabled'];

export const TYPE_SEGMENT: Readonly<Record<EndpointType, string>> = {
  AzureEndpoints: 'azureEndpoints',
  ExternalEndpoints: 'externalEndpoints',
  NestedEndpoints: 'nestedEndpoints',
};

export function parseEndpointType(value: unknown): EndpointType | undefined {
  if (typeof value !== 'string') return undefined;
  const short = value.replace(/^Microsoft\.Network\/trafficManagerProfiles\//i, '').toLowerCase();
  return (Object.keys(TYPE_SEGMENT) as EndpointType[]).find((type) => type.toLowerCase() === short);
}

export function checkEndpoint(
  state: AzureMockState,
  profile: ProfileState,
  raw: unknown,
  index: number,
  method: string,
  limits: AzureMockLimits,
): EndpointState {
  if (!isObject(raw) || typeof raw.name !== 'string' || raw.name === '') {
    throw badRequest(`Endpoint ${index + 1} of profile '${profile.name}' has no name.`);
  }
  const name = raw.name;
  const type = parseEndpointType(raw.type);
  if (!type || !isEndpointType(type))
    throw badRequest(`The endpoint '${name}' has an invalid type '${String(raw.type)}'.`);
  const properties = isObject(raw.properties) ? { ...raw.properties } : {};
  properties.endpointStatus = oneOf(properties.endpointStatus ?? 'Enabled', STATUSES, `${name}.endpointStatus`);
  properties.weight = properties.weight ?? 1;
  if (
    typeof properties.weight !== 'number' ||
    !Number.isInteger(properties.weight) ||
    properties.weight < 1 ||
    properties.weight > 1000
  ) {
    throw badRequest(
      `The weight '${String(properties.weight)}' of endpoint '${name}' is invalid; weights must be integers from 1 to 1000.`,
    );
  }
  properties.priority = properties.priority ?? index + 1;
  if (
    typeof properties.priority !== 'number' ||
    !Number.isInteger(properties.priority) ||
    properties.priority < 1 ||
    properties.priority > 1000
  ) {
    throw badRequest(
      `The priority '${String(properties.priority)}' of endpoint '${name}' must be an integer from 1 to 1000.`,
    );
  }
  checkGeoMapping(name, properties, method);
  if (type === 'ExternalEndpoints' && (typeof properties.target !== 'string' || properties.target === '')) {
    throw badRequest(`The external endpoint '${name}' needs a target (an FQDN or IP address).`);
  }
  if (type !== 'ExternalEndpoints' && typeof properties.targetResourceId !== 'string') {
    throw badRequest(`The endpoint '${name}' of type ${type} needs a targetResourceId.`);
  }
  if (type === 'NestedEndpoints') checkNested(state, profile, name, properties, limits);
  return { name, type, properties };
}

function checkGeoMapping(name: string, properties: Record<string, unknown>, method: string): void {
  const mapping = properties.geoMapping;
  const empty = mapping === undefined || mapping === null || (Array.isArray(mapping) && mapping.length === 0);
  if (method !== 'Geographic') {
    if (!empty)
      throw badRequest(`The endpoint '${name}' has a geoMapping, but the profile's routing method is ${method}.`);
    delete properties.geoMapping;
    return;
  }
  if (empty || !Array.isArray(mapping)) {
    throw badRequest(`The endpoint '${name}' of a Geographic profile must map at least one geographic region.`);
  }
  const codes = new Set<string>();
  for (const code of mapping) {
    if (typeof code !== 'string' || !isGeoMappingCode(code)) {
      throw badRequest(`The geographic region code '${String(code)}' of endpoint '${name}' is not valid.`);
    }
    if (codes.has(code)) {
      throw badRequest(`The geographic region '${code}' is listed twice in endpoint '${name}'.`);
    }
    codes.add(code);
  }
}

function checkNested(
  state: AzureMockState,
  profile: ProfileState,
  name: string,
  properties: Record<string, unknown>,
  limits: AzureMockLimits,
): void {
  const targetId = String(properties.targetResourceId);
  const child = findProfileById(state, targetId);
  if (!child) throw badRequest(`The nested endpoint '${name}' targets profile '${targetId}', which does not exist.`);
  if (scopeKey(child, child.name) === scopeKey(profile, profile.name) || reaches(state, child, profile, 0, limits)) {
    throw badRequest(`The nested endpoint '${name}' would make profile '${profile.name}' nest itself.`);
  }
  properties.minChildEndpoints = properties.minChildEndpoints ?? 1;
  const min = properties.minChildEndpoints;
  if (typeof min !== 'number' || !Number.isInteger(min) || min < 1) {
    throw badRequest(`The minChildEndpoints of nested endpoint '${name}' must be a positive integer.`);
  }
}

/** Whether `from` (transitively) nests `to`; too deep a chain counts as a cycle. */
function reaches(
  state: AzureMockState,
  from: ProfileState,
  to: ProfileState,
  depth: number,
  limits: AzureMockLimits,
): boolean {
  if (depth >= limits.nestingDepth) return true;
  const target = scopeKey(to, to.name);
  return from.endpoints.some((endpoint) => {
    if (endpoint.type !== 'NestedEndpoints') return false;
    const child = findProfileById(state, String(endpoint.properties.targetResourceId));
    return (
      child !== undefined && (scopeKey(child, child.name) === target || reaches(state, child, to, depth + 1, limits))
    );
  });
}

export function checkUniquePriorities(endpoints: readonly EndpointState[]): void {
  const seen = new Set<unknown>();
  for (const endpoint of endpoints) {
    if (seen.has(endpoint.properties.priority)) {
      throw badRequest(`The priority ${String(endpoint.properties.priority)} is used by more than one endpoint.`);
    }
    seen.add(endpoint.properties.priority);
  }
}

/**
 * No two external endpoints of a profile share a target. Whether Traffic Manager refuses that is
 * UNCONFIRMED: the REST spec (2022-04-01, `EndpointProperties.target`) states no rule either way
 * and no public report shows it accepted or refused, so the mock takes the stricter reading (two
 * endpoints answering one server would count it twice in the weights). Addresses are compared as
 * addresses, names without case or trailing dot. Code and message UNCONFIRMED.
 */
export function checkUniqueTargets(endpoints: readonly EndpointState[]): void {
  const owners = new Map<string, string>();
  for (const endpoint of endpoints) {
    const target = endpoint.properties.target;
    if (endpoint.type !== 'ExternalEndpoints' || typeof target !== 'string') continue;
    const family = isIP(target);
    const key =
      family === 0
        ? target.toLowerCase().replace(/\.$/, '')
        : new SocketAddress({ address: target, family: family === 4 ? 'ipv4' : 'ipv6' }).address;
    const owner = owners.get(key);
    if (owner !== undefined) {
      throw badRequest(
        `The target '${target}' of endpoint '${endpoint.name}' is already the target of endpoint '${owner}'; each endpoint of a profile needs its own target.`,
      );
    }
    owners.set(key, endpoint.name);
  }
}

/** No health probes run in the mock: endpoints are Online unless disabled or marked by `setEndpointHealth`. */
export function monitorStatus(endpoint: EndpointState, before: EndpointState | undefined): string {
  if (endpoint.properties.endpointStatus === 'Disabled') return 'Disabled';
  const previous = before?.properties.endpointMonitorStatus;
  return typeof previous === 'string' && previous !== 'Disabled' ? previous : 'Online';
}

export function oneOf(value: unknown, allowed: readonly string[], field: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw badRequest(`The value '${String(value)}' of ${field} is invalid; use one of ${allowed.join(', ')}.`);
  }
  return value;
}
