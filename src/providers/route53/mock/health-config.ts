import { invalidInput } from './errors.js';
import { checkCalculatedConfig } from './health-calculated.js';
import { CHECKER_REGIONS } from './ops-health-more.js';

/**
 * What Route 53 accepts in a HealthCheckConfig, for the types trafficport writes (botocore
 * route53 2013-04-01 shapes `HealthCheckConfig`, `Port` 1–65535, `RequestInterval` 10–30 and
 * create-only, `FailureThreshold` 1–10, `ResourcePath` ≤ 255, `FullyQualifiedDomainName` ≤ 255,
 * `HealthCheckRegionList` 3–64 of `HealthCheckRegion`). Route 53 documents RequestInterval as
 * "10 or 30"; the mock refuses anything else (stricter than the model's range). CALCULATED checks
 * follow their own rules (health-calculated.ts). Types the mock does not model (CLOUDWATCH_METRIC,
 * RECOVERY_CONTROL, *_STR_MATCH) are refused plainly.
 */
const TYPES = ['HTTP', 'HTTPS', 'TCP'];

export function checkHealthCheckConfig(config: Record<string, unknown>): void {
  const type = String(config.Type);
  if (type === 'CALCULATED') {
    checkCalculatedConfig(config);
    return;
  }
  if (!TYPES.includes(type)) throw invalidInput(`The mock does not model health checks of type ${type}.`);
  const number = (key: string) => (config[key] === undefined ? undefined : Number(config[key]));
  const port = number('Port');
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw invalidInput(`Invalid port ${String(config.Port)}.`);
  }
  const interval = number('RequestInterval');
  if (interval !== undefined && interval !== 10 && interval !== 30) {
    throw invalidInput('RequestInterval must be 10 or 30.');
  }
  const threshold = number('FailureThreshold');
  if (threshold !== undefined && !(Number.isInteger(threshold) && threshold >= 1 && threshold <= 10)) {
    throw invalidInput('FailureThreshold must be between 1 and 10.');
  }
  const path = config.ResourcePath;
  if (path !== undefined && (type === 'TCP' || String(path).length > 255)) {
    throw invalidInput('ResourcePath is only for HTTP and HTTPS checks, at most 255 characters.');
  }
  const name = config.FullyQualifiedDomainName;
  if (config.IPAddress === undefined && name === undefined) {
    throw invalidInput('A health check needs an IPAddress or a FullyQualifiedDomainName.');
  }
  if (name !== undefined && String(name).length > 255) throw invalidInput('FullyQualifiedDomainName is too long.');
  const regions = (config.Regions as { Region?: string[] } | undefined)?.Region;
  if (regions !== undefined) {
    if (regions.length < 3) throw invalidInput('Specify at least three health checker regions.');
    const unknown = regions.find((region) => !CHECKER_REGIONS.includes(region));
    if (unknown !== undefined) throw invalidInput(`Unknown health checker region ${unknown}.`);
  }
}
