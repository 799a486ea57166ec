import { geoCoverageChain } from '../../../geo/traffic-manager-hierarchy.js';
import { type AzureMockState, type EndpointState, findProfileById, type ProfileState } from './state.js';

/**
 * Answers a Traffic Manager tree as a resolver would see it, for `verify`: given the user's
 * location, which targets come back and with what probability. Pure function of the state.
 *
 * Semantics (Azure docs "Traffic Manager routing methods", "Nested Traffic Manager profiles",
 * "Traffic Manager endpoint monitoring"):
 * - Geographic: the endpoint mapped to the most specific code covering the location wins
 *   (state > country > GEO-xx group > WORLD); nothing mapped → NODATA. The matched endpoint is
 *   answered even when unhealthy, never another one; a Disabled match gives NODATA.
 * - Weighted: enabled, healthy endpoints share by weight. A nested endpoint is healthy when its
 *   child profile has at least `minChildEndpoints` healthy endpoints. If no enabled endpoint is
 *   healthy, all enabled endpoints are used (Traffic Manager fails open). Disabled never answer.
 * - Priority: the first healthy enabled endpoint by priority; when none is healthy, the first
 *   enabled one (all degraded → all treated as healthy, "Traffic Manager endpoint monitoring").
 */

export interface TrafficAnswer {
  /** External endpoint target (FQDN or IP) or, for Azure endpoints, the target resource id. */
  readonly target: string;
  /** Probability that a query from this location gets this target (answers sum to 1). */
  readonly share: number;
  /** `profile/endpoint` steps from the root to this target. */
  readonly path: readonly string[];
}

export type TrafficEvaluation =
  | { readonly kind: 'answers'; readonly answers: readonly TrafficAnswer[] }
  | { readonly kind: 'nodata'; readonly reason: string; readonly path: readonly string[] };

const UNHEALTHY = new Set(['Degraded', 'Stopped', 'Inactive']);

/** Evaluates the profile with ARM id `rootProfileId` for a user at `location` (`DE`, `US-CA`, `GEO-EU`, `WORLD`). */
export function evaluateTrafficManager(
  state: AzureMockState,
  rootProfileId: string,
  location: string,
): TrafficEvaluation {
  const root = findProfileById(state, rootProfileId);
  if (!root) return { kind: 'nodata', reason: `profile '${rootProfileId}' does not exist`, path: [] };
  const result = evaluateProfile(state, root, location, [], 0);
  if (result.kind === 'nodata') return result;
  const merged = new Map<string, TrafficAnswer>();
  for (const answer of result.answers) {
    const seen = merged.get(answer.target);
    merged.set(answer.target, seen ? { ...seen, share: seen.share + answer.share } : answer);
  }
  return { kind: 'answers', answers: [...merged.values()].sort((a, b) => a.target.localeCompare(b.target)) };
}

function evaluateProfile(
  state: AzureMockState,
  profile: ProfileState,
  location: string,
  path: readonly string[],
  depth: number,
): TrafficEvaluation {
  if (depth > 10) return { kind: 'nodata', reason: 'profiles are nested more than 10 levels deep', path };
  if (profile.properties.profileStatus === 'Disabled') {
    return { kind: 'nodata', reason: `profile '${profile.name}' is disabled`, path };
  }
  const method = String(profile.properties.trafficRoutingMethod);
  switch (method) {
    case 'Geographic':
      return evaluateGeographic(state, profile, location, path, depth);
    case 'Weighted':
    case 'Priority':
      return evaluatePool(state, profile, method, location, path, depth);
    default:
      return { kind: 'nodata', reason: `routing method ${method} is not evaluated by the mock`, path };
  }
}

function evaluateGeographic(
  state: AzureMockState,
  profile: ProfileState,
  location: string,
  path: readonly string[],
  depth: number,
): TrafficEvaluation {
  const chain = geoCoverageChain(location);
  for (const code of chain) {
    const endpoint = profile.endpoints.find((item) => mappings(item).includes(code));
    if (!endpoint) continue;
    const step = [...path, `${profile.name}/${endpoint.name} (${code})`];
    if (endpoint.properties.endpointStatus !== 'Enabled') {
      return { kind: 'nodata', reason: `endpoint '${endpoint.name}' mapped for ${code} is disabled`, path: step };
    }
    return evaluateEndpoint(state, endpoint, location, step, depth);
  }
  return {
    kind: 'nodata',
    reason: `no endpoint of profile '${profile.name}' maps ${location} (checked ${chain.join(', ')})`,
    path,
  };
}

function evaluatePool(
  state: AzureMockState,
  profile: ProfileState,
  method: 'Weighted' | 'Priority',
  location: string,
  path: readonly string[],
  depth: number,
): TrafficEvaluation {
  const enabled = profile.endpoints.filter((endpoint) => endpoint.properties.endpointStatus === 'Enabled');
  const healthy = enabled.filter((endpoint) => isHealthy(state, endpoint, depth));
  const pool = healthy.length > 0 ? healthy : enabled;
  if (pool.length === 0) return { kind: 'nodata', reason: `profile '${profile.name}' has no enabled endpoint`, path };
  if (method === 'Priority') {
    const first = [...pool].sort((a, b) => Number(a.properties.priority) - Number(b.properties.priority))[0];
    if (!first) return { kind: 'nodata', reason: `profile '${profile.name}' has no enabled endpoint`, path };
    return evaluateEndpoint(state, first, location, [...path, `${profile.name}/${first.name}`], depth);
  }
  const answers: TrafficAnswer[] = [];
  const parts = pool.map((endpoint) => ({
    weight: Number(endpoint.properties.weight),
    result: evaluateEndpoint(state, endpoint, location, [...path, `${profile.name}/${endpoint.name}`], depth),
  }));
  const answered = parts.filter((part) => part.result.kind === 'answers');
  const answeredWeight = answered.reduce((sum, part) => sum + part.weight, 0);
  if (answered.length === 0) {
    return { kind: 'nodata', reason: `no endpoint of profile '${profile.name}' produced an answer`, path };
  }
  for (const { weight, result } of answered) {
    if (result.kind !== 'answers') continue;
    for (const answer of result.answers) answers.push({ ...answer, share: (answer.share * weight) / answeredWeight });
  }
  return { kind: 'answers', answers };
}

function evaluateEndpoint(
  state: AzureMockState,
  endpoint: EndpointState,
  location: string,
  path: readonly string[],
  depth: number,
): TrafficEvaluation {
  if (endpoint.type === 'NestedEndpoints') {
    const child = findProfileById(state, String(endpoint.properties.targetResourceId));
    if (!child) return { kind: 'nodata', reason: `nested profile of '${endpoint.name}' does not exist`, path };
    return evaluateProfile(state, child, location, path, depth + 1);
  }
  const target =
    endpoint.type === 'ExternalEndpoints' ? endpoint.properties.target : endpoint.properties.targetResourceId;
  return { kind: 'answers', answers: [{ target: String(target), share: 1, path }] };
}

function isHealthy(state: AzureMockState, endpoint: EndpointState, depth: number): boolean {
  if (endpoint.properties.endpointStatus !== 'Enabled') return false;
  if (UNHEALTHY.has(String(endpoint.properties.endpointMonitorStatus))) return false;
  if (endpoint.type !== 'NestedEndpoints') return true;
  const child = findProfileById(state, String(endpoint.properties.targetResourceId));
  if (!child || child.properties.profileStatus === 'Disabled' || depth > 10) return false;
  const healthyChildren = child.endpoints.filter((item) => isHealthy(state, item, depth + 1)).length;
  return healthyChildren >= Number(endpoint.properties.minChildEndpoints ?? 1);
}

function mappings(endpoint: EndpointState): readonly string[] {
  const value = endpoint.properties.geoMapping;
  return Array.isArray(value) ? value.map(String) : [];
}
