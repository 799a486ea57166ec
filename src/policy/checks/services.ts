import { LOCK_LABEL } from '../reserved-names.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext } from './context.js';

/** Above this a drain waits long for caches to expire; allowed, but worth a warning. */
const LONG_TTL_SECONDS = 3_600;

export function checkServices({ policy, report }: CheckContext): void {
  const endpointIds = Object.keys(policy.endpoints);
  const providerIds = Object.keys(policy.providers);
  const seen = new Map<string, number>();
  policy.services.forEach((service, index) => {
    const path = ['services', index] as const;
    const name = normalizeName(service.name);
    const first = seen.get(name);
    if (first !== undefined) {
      report({
        code: 'POLICY.DUPLICATE_SERVICE',
        message: `service '${name}' is defined twice (first at services[${first}])`,
        path: [...path, 'name'],
        hint: 'merge the two definitions',
      });
    } else {
      seen.set(name, index);
    }
    reportDuplicates(service.endpoints, (value, at) =>
      report({
        code: 'POLICY.DUPLICATE_REFERENCE',
        message: `endpoint '${value}' is listed twice`,
        path: [...path, 'endpoints', at],
      }),
    );
    service.endpoints.forEach((id, at) => {
      if (!Object.hasOwn(policy.endpoints, id)) {
        report({
          code: 'POLICY.UNKNOWN_ENDPOINT',
          message: `unknown endpoint '${id}'`,
          path: [...path, 'endpoints', at],
          hint: didYouMean(id, endpointIds) ?? `defined endpoints: ${endpointIds.join(', ')}`,
        });
      }
    });
    service.publish.forEach((id, at) => {
      const provider = Object.hasOwn(policy.providers, id) ? policy.providers[id] : undefined;
      if (provider === undefined) {
        report({
          code: 'POLICY.UNKNOWN_PROVIDER',
          message: `unknown provider '${id}'`,
          path: [...path, 'publish', at],
          hint: didYouMean(id, providerIds) ?? `defined providers: ${providerIds.join(', ')}`,
        });
      } else if (!isInZone(name, normalizeName(provider.zone))) {
        report({
          code: 'POLICY.OUTSIDE_ZONE',
          message: `service '${name}' is not inside zone '${provider.zone}' of provider '${id}'`,
          path: [...path, 'name'],
          hint: `use a name ending in .${normalizeName(provider.zone)}, or publish through a provider for that zone`,
        });
      } else if (name === `${LOCK_LABEL}.${normalizeName(provider.zone)}`) {
        report({
          code: 'POLICY.RESERVED_NAME',
          message: `service '${name}' is the zone lease record of provider '${id}', reserved for trafficport's lock`,
          path: [...path, 'name'],
          hint: 'choose another name: trafficport keeps a TXT record there while it writes the zone (docs/locking.md)',
        });
      }
    });
    reportDuplicates(service.publish, (value, at) =>
      report({
        code: 'POLICY.DUPLICATE_REFERENCE',
        message: `provider '${value}' is listed twice`,
        path: [...path, 'publish', at],
      }),
    );
    checkTargetKinds(service.endpoints, policy.endpoints, (message) =>
      report({
        code: 'POLICY.MIXED_TARGETS',
        message,
        path: [...path, 'endpoints'],
        hint: 'a weighted DNS group holds one record type: give all endpoints of a service cnames, or all addresses',
      }),
    );
    if (service.ttl > LONG_TTL_SECONDS) {
      report({
        severity: 'warning',
        code: 'POLICY.LONG_TTL',
        message: `TTL ${service.ttl}s means drains must start ${service.ttl}s before each window`,
        path: [...path, 'ttl'],
        hint: 'steered records usually use 60s',
      });
    }
  });
}

function checkTargetKinds(
  ids: readonly string[],
  endpoints: Readonly<Record<string, { cname?: string | undefined; a?: unknown; aaaa?: unknown }>>,
  report: (message: string) => void,
): void {
  // An endpoint with both a cname and addresses is reported by checkEndpoints; leave it out here.
  const both = (id: string) =>
    endpoints[id]?.cname !== undefined && (endpoints[id]?.a ?? endpoints[id]?.aaaa) !== undefined;
  const known = ids.filter((id) => Object.hasOwn(endpoints, id) && !both(id));
  const cnames = known.filter((id) => endpoints[id]?.cname !== undefined);
  if (cnames.length > 0 && cnames.length < known.length) {
    const addresses = known.filter((id) => endpoints[id]?.cname === undefined);
    report(`service mixes cname endpoints (${cnames.join(', ')}) with address endpoints (${addresses.join(', ')})`);
  }
}

export function reportDuplicates(values: readonly string[], report: (value: string, index: number) => void): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) report(value, index);
    seen.add(value);
  });
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}
