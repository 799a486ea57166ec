import type { RecordSet } from '@azure/arm-dns';
import type { Profile } from '@azure/arm-trafficmanager';
import { TrafficportError } from '../../errors.js';
import type { GeoList } from '../../geo/provider-lists/geo-list.js';
import type { Change } from '../../plan/diff.js';
import type { ForeignRecord, LiveState } from '../../plan/types.js';
import type { AzureProvider, Endpoint } from '../../policy/types.js';
import { OWNER_KEY, OWNER_VALUE, profileKey, recordSetKey, relativeRecordName } from '../../render/azure-names.js';
import { endpointIdOf } from '../../render/azure-targets.js';
import type { Resource } from '../../render/types.js';
import { TRAFFIC_MANAGER_WEIGHTS } from '../../render/weights.js';
import { type GeoListShare, readOncePerRun } from '../geo-list-cache.js';
import type {
  ApplyEvents,
  ApplyReport,
  HandOver,
  LeaseStore,
  ProviderAdapter,
  ProviderCapabilities,
  ReadOptions,
} from '../types.js';
import { applyAzureChanges } from './apply.js';
import { profileFromSdk, profileVersion, recordSetFromSdk } from './canonical.js';
import type { AzureClients } from './client.js';
import { azureError, isNotFound } from './errors.js';
import { readGeographicHierarchy } from './geo-hierarchy.js';
import { runHandOver } from './hand-over.js';
import { AzureLease } from './lease.js';
import { collectPages } from './paging.js';
import { rememberProfileNames } from './profile-listing.js';
import { classifyProfile, retainedShared } from './profile-ownership.js';

/**
 * Azure DNS + Traffic Manager behind the provider interface. Ownership: record sets carry the
 * metadata trafficport=owned; profiles carry the tags trafficport=owned and
 * trafficport-service=<service> (or trafficport-shared=weighted, see profile-ownership.ts) and are
 * named with the provider's profile prefix. Only owned resources of the services asked for (and
 * the shared profiles) are returned as resources; anything else at a service name is reported as
 * foreign and never written.
 */
export class AzureAdapter implements ProviderAdapter {
  readonly id: string;
  readonly type = 'azure' as const;
  readonly capabilities: ProviderCapabilities = { weights: TRAFFIC_MANAGER_WEIGHTS, atomicBatch: false };
  readonly lease: LeaseStore;
  private zoneReady = false;
  private hierarchy: Promise<GeoList> | undefined;

  constructor(
    readonly provider: AzureProvider,
    private readonly clients: AzureClients,
    private readonly geo: AzureGeoOptions = {},
  ) {
    this.id = provider.id;
    this.lease = new AzureLease(provider, clients, () => this.ensureZone());
  }

  /** The Traffic Manager geographic hierarchy, once per adapter (and per run when shared). */
  geoList(): Promise<GeoList> {
    const source = this.geo.source ?? 'azure trafficManagerGeographicHierarchies/default';
    this.hierarchy ??= readOncePerRun(this.geo.share, () => readGeographicHierarchy(this.clients, source)).catch(
      (error: unknown) => {
        this.hierarchy = undefined;
        throw error;
      },
    );
    return this.hierarchy;
  }

  async read(services: readonly string[], options: ReadOptions = {}): Promise<LiveState> {
    await this.ensureZone();
    const [records, listed] = await Promise.all([this.readRecordSets(services), this.listProfiles()]);
    const profiles = this.ownedProfiles(listed, services, records.outsideAliases);
    const reuse = options.reuse ?? ((resource: Resource) => resource);
    const resources = [...records.resources, ...profiles.resources]
      .map(reuse)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const live: LiveState = {
      provider: this.id,
      resources,
      foreign: records.foreign,
      versions: { ...records.versions, ...profiles.versions },
      ...(profiles.retained.length === 0 ? {} : { retained: profiles.retained }),
    };
    // Every name in the group, owned or not: apply creates without a GET only names absent here.
    rememberProfileNames(live, profiles.names);
    return live;
  }

  /**
   * Everything published at the services' names, owned or not, and every Traffic Manager profile
   * of the provider's profile resource group, in canonical form (for `import`). Profiles
   * elsewhere are not listed: an alias to one answers nothing here, and import says so.
   */
  async readPublished(services: readonly string[] | 'zone'): Promise<Resource[]> {
    await this.ensureZone();
    const { resourceGroup, zone } = this.provider;
    const wanted = services === 'zone' ? undefined : new Set(services.map((s) => relativeRecordName(s, zone)));
    const [sets, profiles] = await Promise.all([
      collectPages(this.clients.dns.recordSets.listAllByDnsZone(resourceGroup, zone).byPage(), {
        continuationToken: this.clients.continuationToken,
        idOf: (set: RecordSet) => set.id,
        what: `record sets of ${zone}`,
      }).catch((error: unknown) => {
        throw azureError(error, `record sets of ${zone}`);
      }),
      this.listProfiles(),
    ]);
    const records = sets
      .filter((set) => wanted === undefined || wanted.has((set.name ?? '').toLowerCase()))
      .map(
        (set): Resource => ({
          kind: 'azure.recordset',
          key: recordSetKey((set.name ?? '').toLowerCase(), (set.type ?? '').split('/').pop()?.toUpperCase() ?? ''),
          body: recordSetFromSdk(set),
        }),
      );
    const listed = profiles.map(
      (profile): Resource => ({
        kind: 'azure.tm-profile',
        key: profileKey((profile.name ?? '').toLowerCase()),
        body: profileFromSdk(profile),
      }),
    );
    return [...records, ...listed];
  }

  /**
   * Endpoint id → healthy, from `endpointMonitorStatus` of the external endpoints in the owned
   * profiles: Degraded, Stopped or Inactive is down, anything else (Online, CheckingEndpoint)
   * up; an endpoint in several profiles is down when any of them finds it so.
   */
  async health(endpoints: readonly Endpoint[]): Promise<ReadonlyMap<string, boolean>> {
    const prefix = `${this.provider.trafficManager.profilePrefix}-`.toLowerCase();
    const known = new Set(endpoints.map((endpoint) => endpoint.id));
    const health = new Map<string, boolean>();
    for (const profile of await this.listProfiles()) {
      if (!(profile.name ?? '').toLowerCase().startsWith(prefix)) continue;
      for (const endpoint of profile.endpoints ?? []) {
        if ((endpoint.type ?? '').toLowerCase().includes('nested')) continue;
        const id = endpointIdOf(endpoint.name ?? '');
        if (!known.has(id)) continue;
        const down = ['Degraded', 'Stopped', 'Inactive'].includes(endpoint.endpointMonitorStatus ?? '');
        health.set(id, (health.get(id) ?? true) && !down);
      }
    }
    return health;
  }

  apply(changes: readonly Change[], live: LiveState, events?: ApplyEvents): Promise<ApplyReport> {
    return applyAzureChanges({ provider: this.provider, clients: this.clients }, changes, live, events);
  }

  handOver(handOver: HandOver, direction: 'take' | 'give-back', events?: ApplyEvents): Promise<ApplyReport> {
    const context = { provider: this.provider, clients: this.clients, read: (s: readonly string[]) => this.read(s) };
    return runHandOver(context, handOver, direction, events);
  }

  /** Real zones are the user's to create (delegation, billing); the mock creates what it needs. */
  private async ensureZone(): Promise<void> {
    if (this.zoneReady) return;
    const { resourceGroup, zone, backend } = this.provider;
    try {
      await this.clients.dns.zones.get(resourceGroup, zone);
    } catch (error) {
      if (!isNotFound(error)) throw azureError(error, `DNS zone ${zone}`);
      if (backend !== 'mock') {
        throw new TrafficportError(
          'PROVIDER.NO_ZONE',
          `Azure DNS zone ${zone} does not exist in resource group ${resourceGroup}`,
          {
            hint: 'create the zone (az network dns zone create) and delegate it, or fix zone/resourceGroup in the policy',
          },
        );
      }
      await this.clients.dns.zones.createOrUpdate(resourceGroup, zone, { location: 'global' }).catch((e: unknown) => {
        throw azureError(e, `DNS zone ${zone}`);
      });
    }
    this.zoneReady = true;
  }

  private async readRecordSets(services: readonly string[]) {
    const { resourceGroup, zone } = this.provider;
    const wanted = new Map(services.map((s) => [relativeRecordName(s, zone), s]));
    const sets = await collectPages(this.clients.dns.recordSets.listAllByDnsZone(resourceGroup, zone).byPage(), {
      continuationToken: this.clients.continuationToken,
      idOf: (set: RecordSet) => set.id,
      what: `record sets of ${zone}`,
    }).catch((error: unknown) => {
      throw azureError(error, `record sets of ${zone}`);
    });
    const resources: Resource[] = [];
    const foreign: ForeignRecord[] = [];
    const versions: Record<string, string> = {};
    // Profiles that record sets other than the read services' own point at: shared profiles among
    // them are in use elsewhere (profile-ownership.ts).
    const outsideAliases = new Set<string>();
    for (const set of sets) {
      const name = (set.name ?? '').toLowerCase();
      const service = wanted.get(name);
      const owned = set.metadata?.[OWNER_KEY] === OWNER_VALUE;
      if (service === undefined || !owned) {
        if (set.targetResource?.id) outsideAliases.add(set.targetResource.id.toLowerCase());
        if (service === undefined) continue;
      }
      const type = (set.type ?? '').split('/').pop()?.toUpperCase() ?? '';
      if (!owned) {
        foreign.push({ name: service, type });
        continue;
      }
      const key = recordSetKey(name, type);
      resources.push({ kind: 'azure.recordset', key, body: recordSetFromSdk(set) });
      if (set.etag !== undefined) versions[key] = set.etag;
    }
    return { resources, foreign, versions, outsideAliases };
  }

  private async listProfiles(): Promise<Profile[]> {
    const group = this.provider.trafficManager.resourceGroup;
    return collectPages(this.clients.tm.profiles.listByResourceGroup(group).byPage(), {
      continuationToken: this.clients.continuationToken,
      idOf: (profile: Profile) => profile.id,
      what: `Traffic Manager profiles of ${group}`,
    }).catch((error: unknown) => {
      // A resource group that does not exist yet holds no profiles; creating one will say why it failed.
      if (isNotFound(error)) return [];
      throw azureError(error, `Traffic Manager profiles of ${group}`);
    });
  }

  private ownedProfiles(
    profiles: readonly Profile[],
    services: readonly string[],
    outsideAliases: ReadonlySet<string>,
  ) {
    const prefix = `${this.provider.trafficManager.profilePrefix}-`;
    const classes = profiles.map((profile) => classifyProfile(profile, services, prefix));
    const retained = retainedShared({ profiles, classes, outsideAliases });
    const resources: Resource[] = [];
    const versions: Record<string, string> = {};
    profiles.forEach((profile, i) => {
      if (classes[i] === undefined) return;
      const key = profileKey(profile.name ?? '');
      const body = profileFromSdk(profile);
      resources.push({ kind: 'azure.tm-profile', key, body });
      versions[key] = profileVersion(body);
    });
    return {
      resources,
      versions,
      names: profiles.map((profile) => profile.name ?? ''),
      retained: [...retained].map(profileKey).sort(),
    };
  }
}

/** Where the geographic hierarchy comes from, for plans, and the run's other adapters it is shared with. */
export interface AzureGeoOptions {
  readonly source?: string;
  readonly share?: GeoListShare;
}

export function createAdapterFromClients(
  provider: AzureProvider,
  clients: AzureClients,
  geo: AzureGeoOptions = {},
): AzureAdapter {
  return new AzureAdapter(provider, clients, geo);
}
