import { countries } from 'countries-list';
import type { Distribution, ServiceDistributions } from '../../src/plan/traffic.js';
import type { Endpoint, Policy, Provider } from '../../src/policy/types.js';
import { geoOfLocation, type Route53RecordSet, recordSetOf } from '../../src/render/route53-body.js';
import { route53Name, ZONE_PLACEHOLDER } from '../../src/render/route53-names.js';
import type { Resource } from '../../src/render/types.js';
import type { Route53GeoAnswer } from '../../src/resolver/route53.js';
import { listGeographies } from '../../src/solve/geographies.js';

/**
 * The Route 53 evaluation restated from the service's documented rules, independently of the
 * product's code: every lookup a scan over every set, the location chain from the country data
 * package itself, and weighing written from the definition of weighted routing. Slow and plain,
 * kept as the reference the indexed evaluation must agree with exactly (same answers, same key
 * order, same floating point).
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
  if (alias === undefined) return { ...answered, distribution: weigh([record], type, endpoints) };
  if (alias.HostedZoneId !== ZONE_PLACEHOLDER) return { ...answered, distribution: { [`?alias:${alias.DNSName}`]: 1 } };
  const group = sets.filter((set) => set.Name === alias.DNSName && set.Type === type);
  return { ...answered, distribution: weigh(group, type, endpoints) };
}

/**
 * Route 53 geolocation matching [Developer Guide, "Geolocation routing"]: a US state's record,
 * then the country's, then the continent's, then the default (`*`); continents only the default.
 */
function locationChain(geo: string): string[] {
  if (geo === '*') return ['*'];
  if (geo.startsWith('continent:')) return [geo, '*'];
  const [country = geo, state] = geo.split('-');
  const continent = (countries as Record<string, { readonly continent: string } | undefined>)[country]?.continent;
  return [
    ...(state === undefined ? [] : [geo]),
    country,
    ...(continent === undefined ? [] : [`continent:${continent}`]),
    '*',
  ];
}

/**
 * Weighted routing [Developer Guide, "Weighted routing"]: a set is answered weight / sum of the
 * group's weights of the time; a group whose weights are all 0 (or a simple set) is answered
 * evenly. Each answer belongs to the endpoint whose targets of the type hold all its values.
 */
function weigh(
  group: readonly Route53RecordSet[],
  type: string,
  endpoints: readonly Endpoint[],
): Record<string, number> {
  const sum = group.map((set) => set.Weight ?? 0).reduce((a, b) => a + b, 0);
  const shares = new Map<string, number>();
  group.forEach((set) => {
    const share = sum === 0 ? 1 / group.length : (set.Weight ?? 0) / sum;
    if (share > 0) {
      const values = (set.ResourceRecords ?? []).map((r) => r.Value ?? '');
      const id = ownerOf(values, type, endpoints);
      shares.set(id, (shares.get(id) ?? 0) + share);
    }
  });
  return Object.fromEntries(shares);
}

function ownerOf(values: readonly string[], type: string, endpoints: readonly Endpoint[]): string {
  const canonical = (value: string) => value.toLowerCase().replace(/\.$/, '');
  const targetsOf = (endpoint: Endpoint): string[] =>
    type === 'A'
      ? [...endpoint.targets.a]
      : type === 'AAAA'
        ? [...endpoint.targets.aaaa]
        : endpoint.targets.cname === undefined
          ? []
          : [endpoint.targets.cname];
  const owner = endpoints.find(
    (endpoint) => values.length > 0 && values.every((v) => targetsOf(endpoint).map(canonical).includes(canonical(v))),
  );
  return owner?.id ?? `?${[...values].sort().join(',')}`;
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
