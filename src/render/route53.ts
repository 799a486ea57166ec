import { TrafficportError } from '../errors.js';
import { type GeoCodes, geoCodes, summarizeGeoList } from '../geo/provider-lists/geo-list.js';
import { ROUTE53_DOCUMENTED_GEO_LIST } from '../geo/provider-lists/route53-locations.js';
import type { Endpoint, Policy, Route53Provider, Service } from '../policy/types.js';
import { splitOfService } from '../solve/split-index.js';
import type { ServiceSplit } from '../solve/types.js';
import { checkFallbackSovereignty } from './geo-fallbacks.js';
import type { RenderInput } from './render-input.js';
import { healthCheckResource, placeholderOfKey, serviceHealthChecks } from './route53-health.js';
import { compareText, route53Name } from './route53-names.js';
import { endpointValues, type RecordType, renderRecordType, type TypeRendering } from './route53-type.js';
import type { DesiredState, PublishedService, RenderStats, Resource } from './types.js';

export { ZONE_PLACEHOLDER } from './route53-names.js';

/**
 * Route 53 records for the splits (see docs/route53-rendering.md). Pure and deterministic.
 * Per service and record type: one weighted group per distinct weight vector, named after its
 * content, and geolocation aliases at the service name pointing at the groups, with continents
 * standing in for their countries where they agree.
 */
export function renderRoute53(input: RenderInput): DesiredState {
  const { policy, splits, provider } = input;
  if (provider.type !== 'route53') throw new Error(`renderRoute53: provider '${provider.id}' is ${provider.type}`);
  const list = input.geoList ?? ROUTE53_DOCUMENTED_GEO_LIST;
  const codes = geoCodes(list);
  const services = policy.services.filter((service) => service.publish.includes(provider.id));
  const checks = new Map<string, Resource>();
  const rendered = services.map((service) =>
    renderService(policy, provider, service, splitOf(splits.services, service), codes, checks),
  );
  const fallbacks = rendered.flatMap(({ types }) => types.flatMap((type) => type.fallbacks));
  checkFallbackSovereignty(policy, `Route 53 provider '${provider.id}'`, fallbacks);
  return {
    provider: provider.id,
    providerType: 'route53',
    zone: provider.zone,
    resources: [...rendered.flatMap(({ types }) => types.flatMap((type) => type.resources)), ...checks.values()].sort(
      (a, b) => compareText(a.key, b.key),
    ),
    published: rendered.map(({ published }) => published),
    degradations: rendered.flatMap(({ types }) => types.flatMap((type) => type.degradations)),
    stats: rendered.map(({ stats }) => stats),
    geography: summarizeGeoList(list),
    fallbacks,
  };
}

interface ServiceRendering {
  readonly types: readonly TypeRendering[];
  readonly published: PublishedService;
  readonly stats: RenderStats;
}

function splitOf(splits: readonly ServiceSplit[], service: Service): ServiceSplit {
  const split = splitOfService(splits, service.name);
  if (split === undefined) {
    throw new TrafficportError('RENDER.MISSING_SPLIT', `the splits have no split for service ${service.name}`, {
      hint: 'solve the same policy that is being rendered',
    });
  }
  return split;
}

function renderService(
  policy: Policy,
  provider: Route53Provider,
  service: Service,
  split: ServiceSplit,
  codes: GeoCodes,
  checks: Map<string, Resource>,
): ServiceRendering {
  const endpoints = policy.endpoints
    .filter((endpoint) => service.endpoints.includes(endpoint.id))
    .sort((a, b) => compareText(a.id, b.id));
  const placeholders = new Map<string, string>();
  for (const [id, configs] of serviceHealthChecks(provider, service, endpoints)) {
    for (const config of configs) {
      const resource = healthCheckResource(config);
      checks.set(resource.key, resource);
      placeholders.set(id, placeholderOfKey(resource.key));
    }
  }
  const types = recordTypes(endpoints).map((type) =>
    type === 'CNAME' && route53Name(service.name) === route53Name(provider.zone)
      ? cnameAtApex(service)
      : renderRecordType(
          service,
          split,
          type,
          endpoints.filter((endpoint) => endpointValues(endpoint, type).length > 0),
          codes,
          provider.healthChecks ? { checks: placeholders, policy } : { checks: placeholders },
        ),
  );
  const primary = types[0];
  return {
    types,
    // PublishedService holds one weight table per geography; with A and AAAA that is the A one.
    published: {
      service: service.name,
      types: types.map((type) => type.type),
      geographies: primary?.published ?? {},
    },
    stats: {
      service: service.name,
      records: types.reduce((sum, type) => sum + type.resources.length, 0),
      geographyRecords: types.reduce((sum, type) => sum + type.geographyRecords, 0),
      weightedGroups: types.reduce((sum, type) => sum + type.weightedGroups, 0),
      geographies: split.geographies.length,
    },
  };
}

/**
 * The zone apex holds the SOA and NS sets, so no CNAME (RFC 1034 §3.6.2), alias or not: Route 53
 * refuses it (Developer Guide: Supported DNS record types, CNAME). Nothing is rendered, and the
 * plan says so instead of letting apply fail.
 */
function cnameAtApex(service: Service): TypeRendering {
  return {
    type: 'CNAME',
    resources: [],
    published: {},
    weightedGroups: 0,
    geographyRecords: 0,
    degradations: [
      {
        code: 'ROUTE53.CNAME_AT_APEX',
        message: `${service.name}: the zone apex cannot hold a CNAME (Route 53 refuses one, alias or not); nothing is published for its cname endpoints at the apex`,
        service: service.name,
      },
    ],
    fallbacks: [],
  };
}

/** CNAME when the endpoints use names (the loader forbids mixing), else A and/or AAAA. */
function recordTypes(endpoints: readonly Endpoint[]): RecordType[] {
  if (endpoints.some((endpoint) => endpoint.targets.cname !== undefined)) return ['CNAME'];
  const types: RecordType[] = [];
  if (endpoints.some((endpoint) => endpoint.targets.a.length > 0)) types.push('A');
  if (endpoints.some((endpoint) => endpoint.targets.aaaa.length > 0)) types.push('AAAA');
  return types;
}
