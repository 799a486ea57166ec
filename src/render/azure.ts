import { summarizeGeoList } from '../geo/provider-lists/geo-list.js';
import type { AzureProvider, Endpoint, Policy, Service } from '../policy/types.js';
import type { ServiceSplit } from '../solve/types.js';
import { azureBackups } from './azure-backups.js';
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
  sharedNames,
} from './azure-names.js';
import { type Family, serviceFamilies } from './azure-targets.js';
import { renderTree, type Tree } from './azure-tree.js';
import { checkFallbackSovereignty } from './geo-fallbacks.js';
import type { RenderInput } from './render-input.js';
import type { Degradation, DesiredState, GeoFallback, PublishedService, RenderStats, Resource } from './types.js';

/**
 * Renders the splits for Azure DNS + Traffic Manager (see docs/azure-rendering.md). Pure and
 * deterministic. Per service and record type a root profile (Weighted, or Geographic over external
 * endpoints and shared Weighted profiles; see azure-tree.ts), and at the service name an alias
 * record set to it: of type CNAME below the apex, of type A/AAAA at the apex and for dual-stack
 * names, whose roots then hold external IP endpoints only.
 */
export function renderAzure(input: RenderInput): DesiredState {
  const provider = input.provider;
  if (provider.type !== 'azure') throw new Error(`renderAzure: provider '${provider.id}' is not an azure provider`);
  const published = publishedServices(input.policy, provider);
  const slugs = serviceSlugs(published.map((s) => s.name));
  const endpoints = new Map(input.policy.endpoints.map((e) => [e.id, e]));
  const geography = azureGeography(input.geoList);
  const byName = new Map<string, Service>();
  for (const service of published) if (!byName.has(service.name)) byName.set(service.name, service);
  const rendered = input.splits.services
    .map((split) => ({ split, service: byName.get(split.service) }))
    .filter((item): item is { split: ServiceSplit; service: Service } => item.service !== undefined)
    .map(({ split, service }) =>
      renderService(provider, service, split, endpoints, slugs.get(service.name)!, geography, input.policy),
    );
  const fallbacks = rendered.flatMap((r) => r.fallbacks);
  checkFallbackSovereignty(input.policy, `Azure provider '${provider.id}'`, fallbacks);
  return {
    provider: provider.id,
    providerType: 'azure',
    zone: provider.zone,
    resources: uniqueByKey(rendered.flatMap((r) => r.resources)),
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

/**
 * Why a service's roots must hold external IP endpoints only, or undefined when the service name
 * can be a CNAME (and its trees may nest). The record set type depends only on where the name is
 * and which families it answers, never on the splits, so it does not flip as the splits change
 * (a type change is a delete and a create, with a moment of NODATA between them).
 */
export function flatReason(name: string, families: readonly Family[]): string | undefined {
  if (name === '@') {
    return 'at the zone apex, where no CNAME may stand, Azure DNS aliases A/AAAA only to a Traffic Manager profile whose endpoints are all external IP endpoints';
  }
  if (families.length > 1) {
    return 'a dual-stack name needs A and AAAA alias record sets (one CNAME cannot stand beside them), and Azure DNS aliases A/AAAA only to a Traffic Manager profile whose endpoints are all external IP endpoints';
  }
  return undefined;
}

/**
 * Backups need a Priority profile above the split, which a flat root cannot nest. By default they
 * are rendered wherever the layout can hold them and silently left out where it cannot (the name's
 * place and families, not the splits, decide that, so nothing flips between plans); an explicit
 * `failoverBackups: true` on a flat name is a degradation (AZURE.NO_FAILOVER_BACKUP, azure-splits.ts).
 */
function wantsBackups(provider: AzureProvider, flat: string | undefined): boolean {
  const { failoverBackups, failoverBackupsExplicit } = provider.trafficManager;
  return failoverBackups && (flat === undefined || failoverBackupsExplicit);
}

function renderService(
  provider: AzureProvider,
  service: Service,
  split: ServiceSplit,
  endpoints: ReadonlyMap<string, Endpoint>,
  slug: string,
  geography: AzureGeography,
  policy: Policy,
): RenderedService {
  const members = service.endpoints.flatMap((id) => (endpoints.has(id) ? [endpoints.get(id)!] : []));
  const { monitor, mixed } = serviceMonitor(service, members);
  const names = serviceNames(provider, slug);
  const shared = sharedNames(provider);
  const name = relativeRecordName(service.name, provider.zone);
  const degradations: Degradation[] = [];
  const families = serviceFamilies(service, endpoints).filter((family) => {
    if (family.type !== 'CNAME' || name !== '@') return true;
    degradations.push({
      code: 'AZURE.CNAME_AT_APEX',
      message: `${service.name}: the zone apex cannot hold a CNAME, and an alias A/AAAA record needs IP targets; nothing is published for this service`,
      service: service.name,
    });
    return false;
  });
  const flat = flatReason(name, families);
  const backupsOf = wantsBackups(provider, flat) ? azureBackups(policy, members) : undefined;
  const trees = families.map((family) =>
    renderTree({
      provider,
      service: service.name,
      ttl: split.ttl,
      geographies: split.geographies,
      family,
      names,
      shared,
      monitor,
      geography,
      ...(flat === undefined ? {} : { flat }),
      ...(backupsOf === undefined ? {} : { backupsOf }),
    }),
  );
  degradations.push(...trees.flatMap((tree) => tree.degradations));
  if (mixed) {
    degradations.push({
      code: 'AZURE.MIXED_HEALTH_CHECKS',
      message: `${service.name}: endpoints ask for different health checks; Traffic Manager probes all endpoints of a profile alike (${monitor.protocol} ${monitor.port} is used)`,
      service: service.name,
    });
  }
  const records = trees.flatMap((tree) => recordSet(provider, name, split.ttl, tree, flat !== undefined));
  const answered = trees.filter((tree) => tree.root !== undefined);
  const primary = answered[0];
  const profiles = [...new Set(trees.flatMap((tree) => tree.profiles))];
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
      profiles: profiles.length,
      ownProfiles: answered.length,
    },
  };
}

/**
 * The record set at the service name that sends resolvers into the tree: an alias (targetResource)
 * of type A/AAAA to a flat root, or else an alias of type CNAME to the root. Alias rather than a
 * plain CNAME to `<relativeName>.trafficmanager.net`: Azure DNS tracks the profile's lifecycle, so
 * a deleted profile leaves no dangling name that someone else could claim on trafficmanager.net.
 */
function recordSet(provider: AzureProvider, name: string, ttl: number, tree: Tree, alias: boolean): Resource[] {
  if (tree.root === undefined) return [];
  const metadata = { [OWNER_KEY]: OWNER_VALUE };
  const targetResourceId = profileArmId(provider, tree.root.name);
  const body = recordSetBody({ ttl, metadata, targetResourceId });
  return [{ kind: 'azure.recordset', key: recordSetKey(name, alias ? tree.type : 'CNAME'), body }];
}

/** Sorted by key; a shared profile rendered for several services is one resource. */
function uniqueByKey(resources: readonly Resource[]): Resource[] {
  const byKey = new Map<string, Resource>();
  for (const resource of resources) if (!byKey.has(resource.key)) byKey.set(resource.key, resource);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
