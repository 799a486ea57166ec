import type { Distribution, ServiceDistributions } from '../../src/plan/traffic.js';
import type { Endpoint, Policy, Provider } from '../../src/policy/types.js';
import { geoOfLocation, type Route53RecordSet, recordSetOf } from '../../src/render/route53-body.js';
import { route53Name, ZONE_PLACEHOLDER } from '../../src/render/route53-names.js';
import type { Resource } from '../../src/render/types.js';
import { listGeographies } from '../../src/solve/geographies.js';
import { locationChain, type Route53GeoAnswer, weighOne } from '../../src/verify/route53.js';

/**
 * The Route 53 evaluation as it was before the index: every lookup a scan over every set, one
 * evaluation per service over all resources. Slow and plain, kept as the reference the indexed
 * evaluation must agree with exactly (same answers, same key order, same floating point). Only
 * the lookups are restated; weighing a group found is the product's own `weighOne`.
 */
export function referenceEvaluate(
  resources: readonly Resource[],
  service: string,
  geos: readonly string[],
  endpoints: readonly Endpoint[],
): Route53GeoAnswer[] {
  const sets = resources.filter((resource) => resource.kind === 'route53.rrset').map(recordSetOf);
  const name = route53Name(service);
  const geoRecords = sets.filter((set) => set.Name === name && set.GeoLocation !== undefined);
  const order = ['CNAME', 'A', 'AAAA'];
  const rank = (type: string) => (order.indexOf(type) < 0 ? order.length : order.indexOf(type));
  const types = [...new Set(geoRecords.map((set) => set.Type))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return types.flatMap((type) =>
    geos.map((geo) =>
      answerFor(
        sets,
        geoRecords.filter((set) => set.Type === type),
        type,
        geo,
        endpoints,
      ),
    ),
  );
}

function answerFor(
  sets: readonly Route53RecordSet[],
  geoRecords: readonly Route53RecordSet[],
  type: string,
  geo: string,
  endpoints: readonly Endpoint[],
): Route53GeoAnswer {
  const geoOf = (set: Route53RecordSet) => (set.GeoLocation === undefined ? '' : geoOfLocation(set.GeoLocation));
  let record: Route53RecordSet | undefined;
  for (const wanted of locationChain(geo)) {
    record = geoRecords.find((set) => geoOf(set) === wanted);
    if (record !== undefined) break;
  }
  if (record === undefined) return { type, geo, distribution: {} };
  const answered = { type, geo, record: geoOf(record) };
  const alias = record.AliasTarget;
  if (alias === undefined) return { ...answered, distribution: weighOne([record], type, endpoints) };
  if (alias.HostedZoneId !== ZONE_PLACEHOLDER) return { ...answered, distribution: { [`?alias:${alias.DNSName}`]: 1 } };
  const group = sets.filter((set) => set.Name === alias.DNSName && set.Type === type);
  return { ...answered, distribution: weighOne(group, type, endpoints) };
}

export function referenceDistributions(
  resources: readonly Resource[],
  policy: Policy,
  provider: Provider,
): ServiceDistributions {
  const geos = listGeographies(policy).map((geography) => geography.id);
  const result = new Map<string, Map<string, Distribution>>();
  for (const service of policy.services.filter((candidate) => candidate.publish.includes(provider.id))) {
    const endpoints = policy.endpoints.filter((endpoint) => service.endpoints.includes(endpoint.id));
    const answers = referenceEvaluate(resources, service.name, geos, endpoints);
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
