import type { Distribution, ServiceDistributions } from '../plan/traffic.js';
import type { Policy, Provider } from '../policy/types.js';
import type { Resource } from '../render/types.js';
import { listGeographies } from '../solve/geographies.js';
import { evaluateRoute53 } from './route53.js';

/**
 * Service → plan geography → endpoint → fraction, from owned Route 53 records (live or
 * desired), for `plan` and `verify`. One table per geography: a service answering A and AAAA is
 * judged by its first type (CNAME, A, AAAA order), the one most clients ask for. Geographies
 * nothing answers are left out, so a first publish moves no traffic that was never served.
 */
export function route53Distributions(
  resources: readonly Resource[],
  policy: Policy,
  provider: Provider,
): ServiceDistributions {
  const geos = listGeographies(policy).map((geography) => geography.id);
  const result = new Map<string, Map<string, Distribution>>();
  for (const service of policy.services.filter((candidate) => candidate.publish.includes(provider.id))) {
    const endpoints = policy.endpoints.filter((endpoint) => service.endpoints.includes(endpoint.id));
    const answers = evaluateRoute53(resources, service.name, geos, endpoints);
    const primary = answers[0]?.type;
    const byGeo = new Map<string, Distribution>();
    for (const answer of answers) {
      if (answer.type !== primary || Object.keys(answer.distribution).length === 0) continue;
      byGeo.set(answer.geo, new Map(Object.entries(answer.distribution)));
    }
    result.set(service.name, byGeo);
  }
  return result;
}
