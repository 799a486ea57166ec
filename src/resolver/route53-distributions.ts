import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Distribution, ServiceDistributions } from '../plan/traffic.js';
import type { Policy, Provider } from '../policy/types.js';
import { route53Name } from '../render/route53-names.js';
import type { Resource } from '../render/types.js';
import { listGeographies } from '../solve/geographies.js';
import { answersAt, endpointOf } from './route53.js';
import { Route53SetIndex } from './route53-index.js';
import { resolveRoute53 } from './route53-resolve.js';

/**
 * Service → plan geography → endpoint → fraction, from owned Route 53 records (live or
 * desired), for `plan` and `verify`. One table per geography: a service answering A and AAAA is
 * judged by its first type (CNAME, A, AAAA order), the one most clients ask for, unless `type`
 * names another (verify checks each). Geographies
 * nothing answers are left out, so a first publish moves no traffic that was never served.
 *
 * The sets are indexed once per call and each service looks up only its own. Geographies that
 * get the same answer share one (read-only) Distribution: a plan holds this for every service
 * and geography of a provider, twice (before and after).
 */
export function route53Distributions(
  resources: readonly Resource[],
  policy: Policy,
  provider: Provider,
  _geoList?: GeoList,
  type?: string,
  down?: ReadonlySet<string>,
): ServiceDistributions {
  const index = new Route53SetIndex(resources);
  const geos = listGeographies(policy).map((geography) => geography.id);
  const result = new Map<string, Map<string, Distribution>>();
  for (const service of policy.services.filter((candidate) => candidate.publish.includes(provider.id))) {
    const endpoints = policy.endpoints.filter((endpoint) => service.endpoints.includes(endpoint.id));
    const answers = answersAt(index, service.name, geos, endpoints, down);
    const primary = type ?? answers[0]?.type;
    const maps = new Map<object, Distribution>();
    const byGeo = new Map<string, Distribution>();
    for (const answer of answers) {
      if (answer.type !== primary || Object.keys(answer.distribution).length === 0) continue;
      let distribution = maps.get(answer.distribution);
      if (distribution === undefined) {
        distribution = new Map(Object.entries(answer.distribution));
        maps.set(answer.distribution, distribution);
      }
      byGeo.set(answer.geo, distribution);
    }
    result.set(service.name, byGeo);
  }
  return result;
}

/**
 * The same for services trafficport does not own yet (imported, not adopted): what the records
 * another tool wrote answer, by the general resolver (route53-resolve.ts), for every service of
 * the provider that has foreign records of its first type (CNAME, A, AAAA) at its name. `verify`
 * uses it for services with no owned records, so an imported policy verifies against the zone
 * as it is.
 */
export function route53ForeignDistributions(
  foreign: readonly Resource[],
  policy: Policy,
  provider: Provider,
  /** The record type resolvers ask for; default: the first the name has (CNAME, else A, else AAAA). */
  only?: string,
): ServiceDistributions {
  const index = new Route53SetIndex(foreign);
  const geos = listGeographies(policy).map((geography) => geography.id);
  const result = new Map<string, Map<string, Distribution>>();
  for (const service of policy.services.filter((candidate) => candidate.publish.includes(provider.id))) {
    const name = route53Name(service.name);
    const type = (only === undefined ? ['CNAME', 'A', 'AAAA'] : [only]).find(
      (candidate) => index.group(name, candidate).length > 0,
    );
    if (type === undefined) continue;
    const endpoints = policy.endpoints.filter((endpoint) => service.endpoints.includes(endpoint.id));
    const byGeo = new Map<string, Distribution>();
    for (const geo of geos) {
      const shares = resolveRoute53(index, name, type, geo, {
        identify: (values, kind) => (kind === 'ALIAS' ? `?alias:${values[0]}` : endpointOf(values, kind, endpoints)),
      });
      if (shares.size > 0) byGeo.set(geo, shares);
    }
    result.set(service.name, byGeo);
  }
  return result;
}
