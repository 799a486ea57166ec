import type { RawHealthCheck, RawPolicy, RawService } from '../schema.js';
import type { CheckContext, Finding, Path } from './context.js';

/**
 * Health-check settings must be used by some provider and be ones every provider that uses them
 * accepts. No setting is accepted and ignored: a check nobody creates, a Route 53-only field
 * where no Route 53 provider creates checks, or a Traffic Manager-only field where no Azure
 * provider publishes the endpoint, is an error naming what would use it.
 */

const ROUTE53_ONLY = ['regions'] as const;
const AZURE_ONLY = ['timeout', 'expectedStatus', 'headers'] as const;
const WEB_ONLY = ['path', 'host', 'expectedStatus', 'headers'] as const;
/** Traffic Manager: up to eight header:value pairs ("Traffic Manager endpoint monitoring"). */
const MAX_HEADERS = 8;

interface Users {
  readonly route53: boolean;
  readonly azure: boolean;
}

export function checkHealthChecks({ policy, report }: CheckContext): void {
  const monitored = Object.entries(policy.providers).some(
    ([id, provider]) =>
      (provider.type === 'azure' || (provider.type === 'route53' && provider.healthChecks)) &&
      policy.services.some((service) => service.publish.includes(id)),
  );
  if (policy.health === 'provider' && !monitored) {
    report({
      code: 'POLICY.HEALTH_CHECK_UNUSED',
      message: "health: provider reads the providers' checks, but no provider checks anything",
      path: ['health'],
      hint: 'set healthChecks: true on a Route 53 provider, publish through Azure, or remove health',
    });
  }
  for (const [id, provider] of Object.entries(policy.providers)) {
    if (provider.type !== 'route53' || !provider.healthChecks) continue;
    if (!policy.services.some((service) => service.publish.includes(id))) {
      report({
        code: 'POLICY.HEALTH_CHECK_UNUSED',
        message: `provider '${id}' creates health checks but publishes no service`,
        path: ['providers', id, 'healthChecks'],
        hint: `publish a service through '${id}', or remove healthChecks`,
      });
    }
  }
  policy.services.forEach((service, index) => {
    if (service.healthCheck === undefined) return;
    const path = ['services', index, 'healthCheck'];
    checkUsed(service.healthCheck, usersOf(policy, [service]), path, `service '${service.name}'`, report);
    checkSettings(service.healthCheck, path, report);
  });
  for (const [id, endpoint] of Object.entries(policy.endpoints)) {
    const services = policy.services.filter((service) => service.endpoints.includes(id));
    const path = ['endpoints', id, 'healthCheck'];
    if (endpoint.healthCheck !== undefined) {
      checkUsed(endpoint.healthCheck, usersOf(policy, services), path, `endpoint '${id}'`, report);
    }
    // The settings that apply are the merge of each service's default and the endpoint's own.
    for (const service of services) {
      if (endpoint.healthCheck === undefined && service.healthCheck === undefined) continue;
      const merged = { ...(service.healthCheck ?? {}), ...(endpoint.healthCheck ?? {}) };
      checkSettings(merged, endpoint.healthCheck === undefined ? pathOf(policy, service) : path, report);
    }
  }
}

function pathOf(policy: RawPolicy, service: RawService): Path {
  return ['services', policy.services.indexOf(service), 'healthCheck'];
}

function usersOf(policy: RawPolicy, services: readonly RawService[]): Users {
  const providers = services.flatMap((service) => service.publish.map((id) => policy.providers[id]));
  return {
    route53: providers.some((provider) => provider?.type === 'route53' && provider.healthChecks),
    azure: providers.some((provider) => provider?.type === 'azure'),
  };
}

function checkUsed(
  check: RawHealthCheck,
  users: Users,
  path: Path,
  owner: string,
  report: (finding: Finding) => void,
): void {
  if (!users.route53 && !users.azure) {
    report({
      code: 'POLICY.HEALTH_CHECK_UNUSED',
      message: `the health check of ${owner} is used by no provider: no Azure provider publishes it and no Route 53 provider publishing it has healthChecks: true`,
      path,
      hint: 'set healthChecks: true on the Route 53 provider, or remove the healthCheck',
      at: 'key',
    });
    return;
  }
  const unused = [
    ...(users.route53 ? [] : ROUTE53_ONLY.filter((field) => check[field] !== undefined)),
    ...(users.azure ? [] : AZURE_ONLY.filter((field) => check[field] !== undefined)),
  ];
  for (const field of unused) {
    const provider = (ROUTE53_ONLY as readonly string[]).includes(field)
      ? 'a Route 53 provider with healthChecks: true'
      : 'an Azure provider (Traffic Manager)';
    report({
      code: 'POLICY.HEALTH_CHECK_UNUSED',
      message: `'${field}' of ${owner} is only used by ${provider}, and none publishes it`,
      path: [...path, field],
      hint: `remove '${field}', or publish through ${provider}`,
      at: 'key',
    });
  }
}

function checkSettings(check: RawHealthCheck, path: Path, report: (finding: Finding) => void): void {
  if (check.protocol === 'tcp') {
    for (const field of WEB_ONLY.filter((name) => check[name] !== undefined)) {
      report({
        code: 'POLICY.HEALTH_CHECK_INVALID',
        message: `a TCP health check has no '${field}' (Traffic Manager refuses a path for TCP; Route 53 sends none)`,
        path: [...path, field],
        hint: `use protocol http or https, or remove '${field}'`,
        at: 'key',
      });
    }
  }
  if (check.interval === 10 && check.timeout === 10) {
    report({
      code: 'POLICY.HEALTH_CHECK_INVALID',
      message: 'with a 10-second interval the probe timeout is 5 to 9 seconds (Traffic Manager)',
      path: [...path, 'timeout'],
      hint: 'use timeout: 9 or less, or interval: 30',
    });
  }
  const headers = Object.keys(check.headers ?? {});
  if (check.host !== undefined && headers.some((name) => name.toLowerCase() === 'host')) {
    report({
      code: 'POLICY.HEALTH_CHECK_INVALID',
      message: "the Host header is set twice: by 'host' and in 'headers'",
      path: [...path, 'headers'],
      hint: "keep 'host' and remove the Host header",
    });
  }
  if (headers.length + (check.host === undefined ? 0 : 1) > MAX_HEADERS) {
    report({
      code: 'POLICY.HEALTH_CHECK_INVALID',
      message: `Traffic Manager takes at most ${MAX_HEADERS} probe headers, host included`,
      path: [...path, 'headers'],
    });
  }
  if (check.regions !== undefined && new Set(check.regions).size !== check.regions.length) {
    report({
      code: 'POLICY.HEALTH_CHECK_INVALID',
      message: 'a checker region is listed twice',
      path: [...path, 'regions'],
    });
  }
}
