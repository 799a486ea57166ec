import { invalidInput, noSuchHealthCheck, Route53MockError } from './errors.js';
import type { HealthCheckData, Route53State } from './types.js';

/**
 * CALCULATED health checks: a check whose status is derived from other checks' (API Reference:
 * HealthCheckConfig, `Type` CALCULATED, `ChildHealthChecks`, `HealthThreshold`). botocore route53
 * 2013-04-01 shapes: `ChildHealthCheckList` at most 256 `HealthCheckId`s, `HealthThreshold` 0–256.
 * Route 53: "If you specify a number greater than the number of child health checks, Route 53
 * always considers this health check to be unhealthy. If you specify 0, Route 53 always considers
 * this health check to be healthy" (API Reference: HealthCheckConfig, HealthThreshold).
 */

const MAX_CHILDREN = 256;
const MAX_THRESHOLD = 256;

/** Settings that only probing checks have: refused on a CALCULATED check (stricter reading). */
const PROBE_ONLY = [
  'IPAddress',
  'FullyQualifiedDomainName',
  'Port',
  'ResourcePath',
  'RequestInterval',
  'FailureThreshold',
  'Regions',
  'SearchString',
  'EnableSNI',
  'MeasureLatency',
];

export function childrenOf(config: Record<string, unknown>): string[] {
  const list = (config.ChildHealthChecks as { ChildHealthCheck?: unknown } | undefined)?.ChildHealthCheck;
  return Array.isArray(list) ? list.map(String) : [];
}

export function isCalculated(check: HealthCheckData): boolean {
  return check.config.Type === 'CALCULATED';
}

/**
 * The shape of a CALCULATED config. A missing `HealthThreshold`, no children, or a probe setting
 * are refused: the model makes them optional, the mock takes the stricter reading (a calculated
 * check without them has no meaning trafficport would want).
 */
export function checkCalculatedConfig(config: Record<string, unknown>): void {
  const present = PROBE_ONLY.find((key) => config[key] !== undefined);
  if (present !== undefined) throw invalidInput(`${present} is not valid for a CALCULATED health check.`);
  const children = childrenOf(config);
  if (children.length === 0) throw invalidInput('A CALCULATED health check needs ChildHealthChecks.');
  if (children.length > MAX_CHILDREN) {
    throw invalidInput(`A CALCULATED health check can have at most ${MAX_CHILDREN} child health checks.`);
  }
  if (new Set(children).size !== children.length) throw invalidInput('ChildHealthChecks lists a check twice.');
  const raw = config.HealthThreshold;
  const threshold = Number(raw);
  if (raw === undefined || !Number.isInteger(threshold) || threshold < 0 || threshold > MAX_THRESHOLD) {
    throw invalidInput(`HealthThreshold must be an integer between 0 and ${MAX_THRESHOLD}.`);
  }
}

/**
 * The children must exist when the parent is created (NoSuchHealthCheck otherwise; the API
 * Reference documents no code for this case, the mock takes the 404 of an unknown id). Since
 * children exist before their parent, parents never form a cycle.
 */
export function checkChildrenExist(state: Route53State, config: Record<string, unknown>): void {
  const missing = childrenOf(config).find((id) => state.healthChecks[id] === undefined);
  if (missing !== undefined) throw noSuchHealthCheck(missing);
}

/** The checks that name `id` as a child. */
export function parentsOf(state: Route53State, id: string): HealthCheckData[] {
  return Object.values(state.healthChecks).filter(
    (check) => isCalculated(check) && childrenOf(check.config).includes(id),
  );
}

/**
 * A child still named by a CALCULATED check cannot be deleted: `HealthCheckInUse`. UNCONFIRMED and
 * stricter: the API Reference (DeleteHealthCheck) says Route 53 does not prevent deleting a check
 * that is in use and lists `HealthCheckInUse` as "deprecated, not in use"; a parent left naming a
 * deleted child has an unpredictable status, which is what the refusal keeps callers from.
 */
export function refuseIfChild(state: Route53State, id: string): void {
  const [parent] = parentsOf(state, id);
  if (parent !== undefined) {
    throw new Route53MockError(
      'HealthCheckInUse',
      `The health check with id ${id} is still a child of calculated health check ${parent.id}.`,
    );
  }
}

/** A check's status: as the test set it, or for a CALCULATED check, derived from its children. */
export function isCheckHealthy(state: Route53State, check: HealthCheckData, depth = 0): boolean {
  if (!isCalculated(check)) return check.healthy;
  if (depth > MAX_CHILDREN) return false;
  const healthy = childrenOf(check.config).filter((id) => {
    const child = state.healthChecks[id];
    return child !== undefined && isCheckHealthy(state, child, depth + 1);
  }).length;
  return healthy >= Number(check.config.HealthThreshold);
}
