import type { AzureProvider } from '../policy/types.js';
import type { GeographySplit } from '../solve/types.js';
import { canonicalJson } from '../util/json.js';
import { type EndpointShape, EXTERNAL_TYPE, type MonitorShape, NESTED_TYPE, profileBody } from './azure-bodies.js';
import { type AzureGeography, geoMappingCode, sortRecords } from './azure-geo.js';
import {
  type AzureRecordType,
  OWNER_KEY,
  OWNER_VALUE,
  profileArmId,
  profileKey,
  SERVICE_TAG,
  type ServiceNames,
  SHARED_TAG,
  SHARED_VALUE,
  type SharedNames,
  shortHash,
} from './azure-names.js';
import {
  degrade,
  fitsFlatProfile,
  flattenSplits,
  MAX_PROFILE_ENDPOINTS,
  mapSplits,
  type Vector,
  type WeighInput,
  weighGeographies,
  withoutBackups,
} from './azure-splits.js';
import { endpointWeights, type Family } from './azure-targets.js';
import type { Degradation, GeoFallback, Resource } from './types.js';

/**
 * The Traffic Manager profiles of one service and record type, with the fewest profiles the
 * splits allow (docs/azure-rendering.md, "Layout"):
 *
 * - one split for every geography: the root is a Weighted profile of external endpoints;
 * - otherwise a Geographic root with one endpoint per distinct split: an external endpoint where
 *   the split has one target, a nested endpoint to a **shared** Weighted profile where it has
 *   several. Shared profiles are named by a hash of their content, so every service of the
 *   provider whose split is the same (same targets, weights, TTL and probe) uses the same one.
 *
 * `flat` (the reason, when set) asks for a root of external endpoints only, as an A/AAAA alias
 * record set needs: splits with several targets are then flattened, with a degradation each.
 */

export interface TreeInput {
  readonly provider: AzureProvider;
  readonly service: string;
  readonly ttl: number;
  readonly geographies: readonly GeographySplit[];
  readonly family: Family;
  readonly names: ServiceNames;
  readonly shared: SharedNames;
  readonly monitor: MonitorShape;
  /** Why the root must hold external IP endpoints only; undefined when nesting is allowed. */
  readonly flat?: string;
  /** Traffic Manager's geographic hierarchy, as the provider lists it. */
  readonly geography: AzureGeography;
  /** With failoverBackups: the endpoints that may stand in for a geography's split, nearest first. */
  readonly backupsOf?: WeighInput['backupsOf'];
}

export interface Tree {
  readonly type: AzureRecordType;
  /** Absent when no geography can be served (then nothing is rendered for this type). */
  readonly root?: { readonly name: string; readonly relativeName: string };
  readonly resources: readonly Resource[];
  /** Record geography → endpoint id → integer weight (0 = Disabled). */
  readonly published: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly degradations: readonly Degradation[];
  /** Plan geographies the hierarchy lacks, and the record answering them instead. */
  readonly fallbacks: readonly GeoFallback[];
  /** Names of the profiles the tree uses: the root, then the shared ones. */
  readonly profiles: readonly string[];
  readonly endpointCount: number;
  readonly geographyRecords: number;
  readonly weightedGroups: number;
}

export function renderTree(input: TreeInput): Tree {
  const weighInput = {
    service: input.service,
    geographies: input.geographies,
    family: input.family,
    geography: input.geography,
    ...(input.backupsOf === undefined ? {} : { backupsOf: input.backupsOf }),
  };
  let weighed = weighGeographies(weighInput);
  if (input.flat !== undefined && !fitsFlatProfile(weighed)) weighed = flattenSplits(weighInput, weighed, input.flat);
  const mapped = mapSplits(weighInput, weighed);
  const degradations = [...weighed.degradations, ...mapped.degradations];
  const records = sortRecords(mapped.records);
  const used = [...new Set(records.values())].sort().map((key) => weighed.vectors.get(key)!);
  const type = input.family.type;
  if (used.length === 0) {
    return {
      type,
      resources: [],
      published: {},
      degradations,
      fallbacks: mapped.fallbacks,
      profiles: [],
      endpointCount: 0,
      geographyRecords: 0,
      weightedGroups: 0,
    };
  }
  if (input.family.slots.length > MAX_PROFILE_ENDPOINTS && used.some((vector) => vector.single === undefined)) {
    const message = `${input.family.slots.length} ${type} targets exceed the ${MAX_PROFILE_ENDPOINTS} endpoints of a Traffic Manager profile`;
    degradations.push(degrade(input.service, 'AZURE.TOO_MANY_ENDPOINTS', message));
  }
  const root = { name: input.names.root(type), relativeName: input.names.rootRelativeName(type) };
  const built =
    used.length === 1 && used[0]!.backups === undefined
      ? { root: weightedRoot(input, root, used[0]!), shared: [] }
      : geographicRoot(input, root, used, records);
  const published: Record<string, Record<string, number>> = {};
  for (const [geo, key] of records)
    published[geo] = endpointWeights(weighed.vectors.get(key)!.weights, input.family.slots);
  // Two Priority profiles can hold the same split's Weighted profile: one copy of each.
  const shared = [...new Map(built.shared.map((resource) => [resource.key, resource])).values()];
  return {
    type,
    root,
    resources: [built.root, ...shared],
    published,
    degradations,
    fallbacks: mapped.fallbacks,
    profiles: [root.name, ...shared.map((r) => r.key.slice(r.key.indexOf('|') + 1))],
    endpointCount: [built.root, ...shared].reduce((sum, r) => sum + endpointsOf(r), 0),
    geographyRecords: records.size,
    weightedGroups: used.length,
  };
}

interface Named {
  readonly name: string;
  readonly relativeName: string;
}

/** External endpoints for every slot: Enabled with its weight, or Disabled (Traffic Manager refuses weight 0). */
function weightedEndpoints(input: TreeInput, vector: Vector): EndpointShape[] {
  return input.family.slots.map((slot) => {
    const weight = vector.weights[slot.name] ?? 0;
    return {
      name: slot.name,
      type: EXTERNAL_TYPE,
      target: slot.target,
      endpointStatus: weight > 0 ? 'Enabled' : 'Disabled',
      weight: Math.max(1, weight),
    };
  });
}

function weightedRoot(input: TreeInput, root: Named, vector: Vector): Resource {
  const body = profileBody({
    tags: ownerTags(input.service),
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Weighted',
    relativeName: root.relativeName,
    ttl: input.ttl,
    monitor: input.monitor,
    endpoints: weightedEndpoints(input, vector),
  });
  return { kind: 'azure.tm-profile', key: profileKey(root.name), body };
}

/**
 * A shared Weighted profile: its name is a hash of everything in its body but the names (targets,
 * weights, TTL, probe), so equal content is one profile for every service, and different content
 * is never the same name (whichever policy or service rendered it).
 */
function sharedProfile(
  input: TreeInput,
  vector: Vector,
): { readonly name: string; readonly hash: string; readonly resource: Resource } {
  const shape = {
    tags: { [OWNER_KEY]: OWNER_VALUE, [SHARED_TAG]: SHARED_VALUE },
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Weighted',
    ttl: input.ttl,
    monitor: input.monitor,
    endpoints: weightedEndpoints(input, vector),
  };
  const hash = shortHash(canonicalJson(profileBody({ ...shape, relativeName: '' })), 12);
  const name = input.shared.profile(hash);
  const body = profileBody({ ...shape, relativeName: input.shared.relativeName(hash) });
  return { name, hash, resource: { kind: 'azure.tm-profile', key: profileKey(name), body } };
}

/**
 * A shared Priority profile for a split with backups (docs/failover.md): priority 1 is the split
 * itself (its Weighted profile, or its one target), then each backup nearest first. Traffic
 * Manager answers the first healthy endpoint by priority, a nested one being healthy while its
 * child has `minChildEndpoints` healthy endpoints; when none is healthy it answers priority 1
 * [Microsoft Learn: "Traffic Manager routing methods" (Priority), "Nested Traffic Manager
 * profiles", "Traffic Manager endpoint monitoring": all endpoints degraded → all treated as
 * healthy]. Backups are only endpoints the geography may use, so no health state leaves its rule.
 */
function backupProfile(
  input: TreeInput,
  vector: Vector,
  shared: Resource[],
): { readonly name: string; readonly hash: string } {
  const own = withoutBackups(vector);
  let first: EndpointShape;
  if (own.single !== undefined) {
    first = { name: own.single.name, type: EXTERNAL_TYPE, target: own.single.target, endpointStatus: 'Enabled' };
  } else {
    const child = sharedProfile(input, own);
    shared.push(child.resource);
    first = {
      name: `w-${child.hash}`,
      type: NESTED_TYPE,
      targetResourceId: profileArmId(input.provider, child.name),
      endpointStatus: 'Enabled',
      minChildEndpoints: 1,
    };
  }
  const backups: EndpointShape[] = (vector.backups ?? []).map((slot) => ({
    name: slot.name,
    type: EXTERNAL_TYPE,
    target: slot.target,
    endpointStatus: 'Enabled',
  }));
  const endpoints = [first, ...backups].map((endpoint, i) => ({ ...endpoint, priority: i + 1 }));
  const shape = {
    tags: { [OWNER_KEY]: OWNER_VALUE, [SHARED_TAG]: SHARED_VALUE },
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Priority',
    ttl: input.ttl,
    monitor: input.monitor,
    endpoints,
  };
  const hash = shortHash(canonicalJson(profileBody({ ...shape, relativeName: '' })), 12);
  const name = input.shared.profile(hash);
  const body = profileBody({ ...shape, relativeName: input.shared.relativeName(hash) });
  shared.push({ kind: 'azure.tm-profile', key: profileKey(name), body });
  return { name, hash };
}

function geographicRoot(
  input: TreeInput,
  root: Named,
  used: readonly Vector[],
  records: ReadonlyMap<string, string>,
): { readonly root: Resource; readonly shared: Resource[] } {
  const shared: Resource[] = [];
  const endpoints: EndpointShape[] = used.map((vector) => {
    const geoMapping = [...records].filter(([, key]) => key === vector.key).map(([geo]) => geoMappingCode(geo));
    if (vector.backups !== undefined) {
      const priority = backupProfile(input, vector, shared);
      return {
        name: `p-${priority.hash}`,
        type: NESTED_TYPE,
        targetResourceId: profileArmId(input.provider, priority.name),
        endpointStatus: 'Enabled',
        minChildEndpoints: 1,
        geoMapping,
      };
    }
    if (vector.single !== undefined) {
      const slot = vector.single;
      return { name: slot.name, type: EXTERNAL_TYPE, target: slot.target, endpointStatus: 'Enabled', geoMapping };
    }
    const child = sharedProfile(input, vector);
    shared.push(child.resource);
    return {
      name: `w-${child.hash}`,
      type: NESTED_TYPE,
      targetResourceId: profileArmId(input.provider, child.name),
      endpointStatus: 'Enabled',
      minChildEndpoints: 1,
      geoMapping,
    };
  });
  const body = profileBody({
    tags: ownerTags(input.service),
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Geographic',
    relativeName: root.relativeName,
    ttl: input.ttl,
    monitor: input.monitor,
    endpoints,
  });
  return { root: { kind: 'azure.tm-profile', key: profileKey(root.name), body }, shared };
}

function endpointsOf(resource: Resource): number {
  return (resource.body as { properties: { endpoints: readonly unknown[] } }).properties.endpoints.length;
}

export function ownerTags(service: string): Record<string, string> {
  return { [OWNER_KEY]: OWNER_VALUE, [SERVICE_TAG]: service };
}
