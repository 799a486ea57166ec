import { summarizeGeoList } from '../geo/provider-lists/geo-list.js';
import type { AzureProvider, Endpoint, Policy, Service } from '../policy/types.js';
import type { ServiceSplit } from '../solve/types.js';
import { recordSetBody } from './azure-bodies.js';
import { type AzureGeography, azureGeography } from './azure-geo.js';
import { serviceMonitor } from './azure-monitor.js';
import {
  OWNER_KEY,
  OWNER_VALUE,
  profileArmId,
  recordSetKey,
  relativeRecordName,
  serviceNames,
  serviceSlugs,
} from './azure-names.js';
import { serviceFamilies } from './azure-targets.js';
import { renderTree, type Tree } from './azure-tree.js';
import { checkFallbackSovereignty } from './geo-fallbacks.js';
import type { RenderInput } from './render-input.js';
import type { Degradation, DesiredState, GeoFallback, PublishedService, RenderStats, Resource } from './types.js';

/**
 * Renders a split plan for Azure DNS + Traffic Manager (see docs/azure-rendering.md). Pure and
 * deterministic. Per service and record type: one Weighted profile per distinct weight vector,
 * one Geographic profile nesting them, and at the service name an alias A/AAAA record set (or, for
 * cname endpoints, a CNAME to the Geographic profile's trafficmanager.net name).
 */
export function renderAzure(input: RenderInput): DesiredState {
  const provider = input.provider;
  if (provider.type !== 'azure') throw new Error(`renderAzure: provider '${provider.id}' is not an azure provider`);
  const published = publishedServices(input.policy, provider);
  const slugs = serviceSlugs(published.map((s) => s.name));
  const endpoints = new Map(input.policy.endpoints.map((e) => [e.id, e]));
  const geography = azureGeography(input.geoList);
  const rendered = input.plan.services
    .map((split) => ({ split, service: published.find((s) => s.name === split.service) }))
    .filter((item): item is { split: ServiceSplit; service: Service } => item.service !== undefined)
    .map(({ split, service }) =>
      renderService(provider, service, split, endpoints, slugs.get(service.name)!, geography),
    );
  const fallbacks = rendered.flatMap((r) => r.fallbacks);
  checkFallbackSovereignty(input.policy, `Azure provider '${provider.id}'`, fallbacks);
  return {
    provider: provider.id,
    providerType: 'azure',
    zone: provider.zone,
    resources: rendered.flatMap((r) => r.resources).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    published: rendered.map((r) => r.published),
    degradations: rendered.flatMap((r) => r.degradations),
    stats: rendered.map((r) => r.stats),
    geography: summarizeGeoList(geography.list),
    fallbacks,
  };
}

function publishedServices(policy: Policy, provider: AzureProvider): Service[] {
  return policy.services.filter((service) => service.publish.includes(provider.id));
}

interface RenderedService {
  readonly resources: readonly Resource[];
  readonly published: PublishedService;
  readonly degradations: readonly Degradation[];
  readonly fallbacks: readonly GeoFallback[];
  readonly stats: RenderStats;
}

function renderService(
  provider: AzureProvider,
  service: Service,
  split: ServiceSplit,
  endpoints: ReadonlyMap<string, Endpoint>,
  slug: string,
  geography: AzureGeography,
): RenderedService {
  const members = service.endpoints.flatMap((id) => (endpoints.has(id) ? [endpoints.get(id)!] : []));
  const { monitor, mixed } = serviceMonitor(members);
  const names = serviceNames(provider, slug);
  const trees = serviceFamilies(service, endpoints).map((family) =>
    renderTree({
      provider,
      service: service.name,
      ttl: split.ttl,
      geographies: split.geographies,
      family,
      names,
      monitor,
      geography,
    }),
  );
  const degradations = trees.flatMap((tree) => tree.degradations);
  if (mixed) {
    degradations.push({
      code: 'AZURE.MIXED_HEALTH_CHECKS',
      message: `${service.name}: endpoints ask for different health checks; Traffic Manager probes all endpoints of a profile alike (${monitor.protocol} ${monitor.port} is used)`,
      service: service.name,
    });
  }
  const records = trees.flatMap((tree) => recordSet(provider, service, split.ttl, tree, degradations));
  // What users get: only types with a record set at the service name answer anything.
  const answered = trees.filter((tree) => records.some((r) => r.key.endsWith(`|${tree.type}`)));
  const primary = answered[0];
  return {
    resources: [...trees.flatMap((tree) => tree.resources), ...records],
    published: {
      service: service.name,
      types: answered.map((tree) => tree.type),
      geographies: primary?.published ?? {},
    },
    degradations,
    // Only types published at the service name answer anyone.
    fallbacks: answered.flatMap((tree) => tree.fallbacks),
    stats: {
      service: service.name,
      records: records.length + trees.reduce((sum, tree) => sum + tree.endpointCount, 0),
      geographyRecords: trees.reduce((sum, tree) => sum + tree.geographyRecords, 0),
      weightedGroups: trees.reduce((sum, tree) => sum + tree.weightedGroups, 0),
      geographies: split.geographies.length,
    },
  };
}

/** The record set at the service name that sends resolvers into the tree. */
function recordSet(
  provider: AzureProvider,
  service: Service,
  ttl: number,
  tree: Tree,
  degradations: Degradation[],
): Resource[] {
  if (tree.root === undefined) return [];
  const name = relativeRecordName(service.name, provider.zone);
  const metadata = { [OWNER_KEY]: OWNER_VALUE };
  if (tree.type !== 'CNAME') {
    const targetResourceId = profileArmId(provider, tree.root.name);
    const body = recordSetBody({ ttl, metadata, targetResourceId });
    return [{ kind: 'azure.recordset', key: recordSetKey(name, tree.type), body }];
  }
  if (name === '@') {
    degradations.push({
      code: 'AZURE.CNAME_AT_APEX',
      message: `${service.name}: the zone apex cannot hold a CNAME, and an alias A/AAAA record needs IP targets; the profiles are published but nothing at the apex points to them`,
      service: service.name,
    });
    return [];
  }
  const body = recordSetBody({ ttl, metadata, cname: `${tree.root.relativeName}.trafficmanager.net` });
  return [{ kind: 'azure.recordset', key: recordSetKey(name, 'CNAME'), body }];
}
