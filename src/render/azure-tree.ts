import type { ErrorCode } from '../error-codes.js';
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
  shortHash,
} from './azure-names.js';
import { endpointWeights, type Family, type SlotWeights, slotWeights } from './azure-targets.js';
import { fallbackOf } from './geo-fallbacks.js';
import type { Degradation, GeoFallback, Resource } from './types.js';

/**
 * One Traffic Manager tree for one service and record type: a Geographic parent profile whose
 * nested endpoints point at one Weighted profile per distinct weight vector. Geographies with the
 * same integer weights share a weighted profile, so a solver difference that rounds away never
 * renames anything.
 */

/** Azure documents "about 200" endpoints per profile; the mock enforces 200. */
export const MAX_PROFILE_ENDPOINTS = 200;

export interface TreeInput {
  readonly provider: AzureProvider;
  readonly service: string;
  readonly ttl: number;
  readonly geographies: readonly GeographySplit[];
  readonly family: Family;
  readonly names: ServiceNames;
  readonly monitor: MonitorShape;
  /** Traffic Manager's geographic hierarchy, as the provider lists it. */
  readonly geography: AzureGeography;
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
  readonly endpointCount: number;
  readonly geographyRecords: number;
  readonly weightedGroups: number;
}

interface Vector {
  readonly key: string;
  readonly hash: string;
  readonly weights: Readonly<Record<string, number>>;
}

export function renderTree(input: TreeInput): Tree {
  const { vectors, splits, degradations } = weighGeographies(input);
  const mapped = limitSplits(input, input.geography.mapGeographies(splits), degradations);
  const records = sortRecords(mapped.records);
  reportUnmapped(input, splits, records, mapped.dropped, degradations);
  const fallbacks = unlistedFallbacks(input, splits, records, vectors);
  const used = [...new Set(records.values())].sort().map((key) => vectors.get(key)!);
  if (used.length === 0) {
    return {
      type: input.family.type,
      resources: [],
      published: {},
      degradations,
      fallbacks,
      endpointCount: 0,
      geographyRecords: 0,
      weightedGroups: 0,
    };
  }
  const weighted = used.map((vector) => weightedProfile(input, vector, degradations));
  const root = geographicProfile(input, used, records);
  const published: Record<string, Record<string, number>> = {};
  for (const [geo, key] of records) published[geo] = endpointWeights(vectors.get(key)!.weights, input.family.slots);
  return {
    type: input.family.type,
    root: { name: root.name, relativeName: root.relativeName },
    resources: [...weighted, root.resource],
    published,
    degradations,
    fallbacks,
    endpointCount: used.length * (input.family.slots.length + 1),
    geographyRecords: records.size,
    weightedGroups: used.length,
  };
}

/** A split's weights with the key and hash that name it. */
function vectorOf(input: TreeInput, result: SlotWeights): Vector {
  const key = canonicalJson(result.weights);
  const hash = shortHash(canonicalJson({ type: input.family.type, weights: result.weights }), 8);
  return { key, hash, weights: result.weights };
}

function weighGeographies(input: TreeInput) {
  const vectors = new Map<string, Vector>();
  const splits = new Map<string, string>();
  const unservable: string[] = [];
  const partial: string[] = [];
  // Each distinct split is weighed, serialized and hashed once (JSON text is only a cache key here:
  // equal shares written in another member order are weighed again, with the same result).
  const weighed = new Map<string, { readonly vector: Vector; readonly unreachable: number } | null>();
  for (const geography of input.geographies) {
    const sharesKey = JSON.stringify(geography.shares);
    let entry = weighed.get(sharesKey);
    if (entry === undefined) {
      const result = slotWeights(geography.shares, input.family.slots);
      entry = result === undefined ? null : { vector: vectorOf(input, result), unreachable: result.unreachable };
      weighed.set(sharesKey, entry);
    }
    if (entry === null) {
      unservable.push(geography.geo);
      continue;
    }
    if (entry.unreachable > 1e-9) partial.push(geography.geo);
    vectors.set(entry.vector.key, entry.vector);
    splits.set(geography.geo, entry.vector.key);
  }
  const degradations: Degradation[] = [];
  const type = input.family.type;
  if (partial.length > 0) {
    degradations.push(
      degrade(
        input,
        'AZURE.PARTIAL_FAMILY',
        `${type} answers leave out endpoints without ${type} targets in ${listGeos(partial)}`,
      ),
    );
  }
  if (unservable.length > 0) {
    degradations.push(
      degrade(
        input,
        'AZURE.NO_TARGETS',
        `no endpoint with a ${type} target has a share in ${listGeos(unservable)}; they get no ${type} answer`,
      ),
    );
  }
  return { vectors, splits, degradations };
}

/**
 * A Geographic profile holds one nested endpoint per distinct split. Beyond the limit, the splits
 * serving the least demand lose their records and their geographies inherit a wider one.
 */
function limitSplits(input: TreeInput, records: Map<string, string>, degradations: Degradation[]) {
  const keys = [...new Set(records.values())];
  if (keys.length <= MAX_PROFILE_ENDPOINTS) return { records, dropped: new Set<string>() };
  const demand = new Map<string, number>();
  for (const g of input.geographies) {
    const key = canonicalJson(slotWeights(g.shares, input.family.slots)?.weights ?? null);
    demand.set(key, (demand.get(key) ?? 0) + g.demand);
  }
  const world = records.get('*');
  const ranked = keys.sort(
    (a, b) =>
      Number(b === world) - Number(a === world) || (demand.get(b) ?? 0) - (demand.get(a) ?? 0) || (a < b ? -1 : 1),
  );
  const kept = new Set(ranked.slice(0, MAX_PROFILE_ENDPOINTS));
  const dropped = new Set([...records].filter(([, key]) => !kept.has(key)).map(([geo]) => geo));
  for (const geo of dropped) records.delete(geo);
  const message = `${keys.length} distinct splits exceed the ${MAX_PROFILE_ENDPOINTS} endpoints of a Traffic Manager profile; ${listGeos([...dropped])} fall back to a wider record`;
  degradations.push(degrade(input, 'AZURE.TOO_MANY_SPLITS', message));
  return { records, dropped };
}

function reportUnmapped(
  input: TreeInput,
  splits: ReadonlyMap<string, string>,
  records: ReadonlyMap<string, string>,
  dropped: ReadonlySet<string>,
  degradations: Degradation[],
): void {
  const wrong = [...splits]
    .filter(
      ([geo, key]) =>
        input.geography.isMappable(geo) && !dropped.has(geo) && input.geography.resolveRecord(records, geo) !== key,
    )
    .map(([geo]) => geo);
  if (wrong.length === 0) return;
  const message = `Traffic Manager cannot map ${listGeos(wrong)}; their users get the split of a wider region`;
  degradations.push(degrade(input, 'AZURE.UNMAPPABLE_GEOGRAPHY', message));
}

/** Plan geographies the hierarchy does not list: what answers them instead (see geo-fallbacks.ts). */
function unlistedFallbacks(
  input: TreeInput,
  splits: ReadonlyMap<string, string>,
  records: ReadonlyMap<string, string>,
  vectors: ReadonlyMap<string, Vector>,
): GeoFallback[] {
  const weightsOf = (key: string | undefined) => {
    const vector = key === undefined ? undefined : vectors.get(key);
    return vector === undefined ? {} : endpointWeights(vector.weights, input.family.slots);
  };
  return [...splits]
    .filter(([geo]) => !input.geography.isMappable(geo))
    .map(([geo, key]) => {
      const answeredBy = input.geography.answeringRecord(records, geo);
      return fallbackOf({
        service: input.service,
        type: input.family.type,
        geo,
        answeredBy,
        weights: weightsOf(answeredBy === undefined ? undefined : records.get(answeredBy)),
        own: weightsOf(key),
      });
    });
}

function weightedProfile(input: TreeInput, vector: Vector, degradations: Degradation[]): Resource {
  const { family, names } = input;
  if (family.slots.length > MAX_PROFILE_ENDPOINTS) {
    degradations.push(
      degrade(
        input,
        'AZURE.TOO_MANY_ENDPOINTS',
        `${family.slots.length} ${family.type} targets exceed the ${MAX_PROFILE_ENDPOINTS} endpoints of a Traffic Manager profile`,
      ),
    );
  }
  // Traffic Manager refuses weight 0: a drained target stays listed, Disabled, with the minimum weight.
  const endpoints: EndpointShape[] = family.slots.map((slot) => {
    const weight = vector.weights[slot.name] ?? 0;
    return {
      name: slot.name,
      type: EXTERNAL_TYPE,
      target: slot.target,
      endpointStatus: weight > 0 ? 'Enabled' : 'Disabled',
      weight: Math.max(1, weight),
    };
  });
  const name = names.weighted(family.type, vector.hash);
  const body = profileBody({
    tags: ownerTags(input.service),
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Weighted',
    relativeName: names.relativeName(family.type, vector.hash),
    ttl: input.ttl,
    monitor: input.monitor,
    endpoints,
  });
  return { kind: 'azure.tm-profile', key: profileKey(name), body };
}

function geographicProfile(input: TreeInput, used: readonly Vector[], records: ReadonlyMap<string, string>) {
  const { family, names, provider } = input;
  const endpoints: EndpointShape[] = used.map((vector) => ({
    name: `w-${vector.hash}`,
    type: NESTED_TYPE,
    targetResourceId: profileArmId(provider, names.weighted(family.type, vector.hash)),
    endpointStatus: 'Enabled',
    minChildEndpoints: 1,
    geoMapping: [...records].filter(([, key]) => key === vector.key).map(([geo]) => geoMappingCode(geo)),
  }));
  const name = names.geographic(family.type);
  const relativeName = names.relativeName(family.type);
  const body = profileBody({
    tags: ownerTags(input.service),
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Geographic',
    relativeName,
    ttl: input.ttl,
    monitor: input.monitor,
    endpoints,
  });
  return { name, relativeName, resource: { kind: 'azure.tm-profile', key: profileKey(name), body } as Resource };
}

export function ownerTags(service: string): Record<string, string> {
  return { [OWNER_KEY]: OWNER_VALUE, [SERVICE_TAG]: service };
}

function degrade(input: TreeInput, code: ErrorCode, message: string): Degradation {
  return { code, message: `${input.service}: ${message}`, service: input.service };
}

export function listGeos(geos: readonly string[]): string {
  const shown = geos.slice(0, 8).join(', ');
  return geos.length > 8 ? `${shown} and ${geos.length - 8} more` : shown;
}
