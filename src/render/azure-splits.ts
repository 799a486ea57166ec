import type { ErrorCode } from '../error-codes.js';
import type { GeographySplit } from '../solve/types.js';
import { canonicalJson } from '../util/json.js';
import type { AzureGeography } from './azure-geo.js';
import { type AzureRecordType, shortHash } from './azure-names.js';
import { endpointIdOf, endpointWeights, type Family, type Slot, slotWeights } from './azure-targets.js';
import { fallbackOf } from './geo-fallbacks.js';
import type { Degradation, GeoFallback } from './types.js';

/**
 * Plan geographies → the distinct integer weight vectors of one record type, and the Traffic
 * Manager records (geoMapping codes) that give each geography its vector. Pure.
 */

/** Azure's limit: 200 endpoints per Traffic Manager profile ("Traffic Manager limits"; not raisable). */
export const MAX_PROFILE_ENDPOINTS = 200;

/** One distinct weight vector over a family's slots. */
export interface Vector {
  /** Identity of the weights (canonical JSON), the key records map to. */
  readonly key: string;
  /** 12 hex of sha256 over type and weights: names what holds this vector. */
  readonly hash: string;
  /** Slot name → weight; 0 means the slot is published Disabled. */
  readonly weights: Readonly<Record<string, number>>;
  /** The only slot with a positive weight, when there is exactly one (one target answers). */
  readonly single?: Slot;
  /**
   * Slots that stand in, nearest first, when every weighted one is down (failoverBackups): the
   * geography's allowed, undrained endpoints without a share. Absent when there are none.
   */
  readonly backups?: readonly Slot[];
}

export interface WeighInput {
  /** The service, for messages. */
  readonly service: string;
  readonly geographies: readonly GeographySplit[];
  readonly family: Family;
  /** Traffic Manager's geographic hierarchy, as the provider lists it. */
  readonly geography: AzureGeography;
  /**
   * With failoverBackups: the endpoint ids that may stand in for a geography's weighted ones
   * (endpoint id → weight given), nearest first.
   */
  readonly backupsOf?: (geography: GeographySplit, weights: Readonly<Record<string, number>>) => readonly string[];
}

export interface Weighed {
  readonly vectors: Map<string, Vector>;
  /** Plan geography → vector key, for every geography the family can serve. */
  readonly splits: Map<string, string>;
  readonly degradations: Degradation[];
}

export function vectorOf(
  type: AzureRecordType,
  slots: readonly Slot[],
  weights: Readonly<Record<string, number>>,
): Vector {
  const key = canonicalJson(weights);
  const hash = shortHash(canonicalJson({ type, weights }), 12);
  const positive = slots.filter((slot) => (weights[slot.name] ?? 0) > 0);
  return { key, hash, weights, ...(positive.length === 1 ? { single: positive[0]! } : {}) };
}

/** The vector with backups: another identity (key and hash), as it is held by another profile. */
export function withBackups(type: AzureRecordType, vector: Vector, backups: readonly Slot[]): Vector {
  const base = withoutBackups(vector);
  if (backups.length === 0) return base;
  const names = backups.map((slot) => slot.name);
  return {
    ...base,
    key: canonicalJson({ weights: base.weights, backups: names }),
    hash: shortHash(canonicalJson({ type, weights: base.weights, backups: names }), 12),
    backups,
  };
}

export function withoutBackups(vector: Vector): Vector {
  if (vector.backups === undefined) return vector;
  const { backups: _, ...rest } = vector;
  return { ...rest, key: canonicalJson(rest.weights) };
}

function backedUp(input: WeighInput, geography: GeographySplit, vector: Vector): Vector {
  if (input.backupsOf === undefined) return vector;
  const ids = input.backupsOf(geography, endpointWeights(vector.weights, input.family.slots));
  const slots = ids.flatMap((id) => input.family.slots.filter((slot) => slot.endpoint === id));
  return withBackups(input.family.type, vector, slots);
}

export function weighGeographies(input: WeighInput): Weighed {
  const { family } = input;
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
      const result = slotWeights(geography.shares, family.slots);
      entry =
        result === undefined
          ? null
          : { vector: vectorOf(family.type, family.slots, result.weights), unreachable: result.unreachable };
      weighed.set(sharesKey, entry);
    }
    if (entry === null) {
      unservable.push(geography.geo);
      continue;
    }
    if (entry.unreachable > 1e-9) partial.push(geography.geo);
    const vector = backedUp(input, geography, entry.vector);
    vectors.set(vector.key, vector);
    splits.set(geography.geo, vector.key);
  }
  const degradations: Degradation[] = [];
  const type = family.type;
  if (partial.length > 0) {
    degradations.push(
      degrade(
        input.service,
        'AZURE.PARTIAL_FAMILY',
        `${type} answers leave out endpoints without ${type} targets in ${listGeos(partial)}`,
      ),
    );
  }
  if (unservable.length > 0) {
    degradations.push(
      degrade(
        input.service,
        'AZURE.NO_TARGETS',
        `no endpoint with a ${type} target has a share in ${listGeos(unservable)}; they get no ${type} answer`,
      ),
    );
  }
  return { vectors, splits, degradations };
}

/** Whether one flat profile of external endpoints can answer these splits exactly. */
export function fitsFlatProfile(weighed: Weighed): boolean {
  const used = new Set(weighed.splits.values());
  const vectors = [...used].map((key) => weighed.vectors.get(key)!);
  if (vectors.some((vector) => vector.backups !== undefined)) return false;
  return used.size <= 1 || vectors.every((vector) => vector.single !== undefined);
}

/**
 * The splits a flat profile can hold: every split with several targets is replaced by its target
 * with the largest weight (ties: the first in slot order). That target has a positive share in
 * the plan, so no sovereignty rule or drain is crossed; what is lost is the weighting (and with it
 * capacity spreading and failover between the targets). One degradation per replaced split names
 * its geographies and what they get instead.
 */
export function flattenSplits(input: WeighInput, weighed: Weighed, why: string): Weighed {
  const replaced = new Map<string, Vector>();
  const geosOf = new Map<string, string[]>();
  const splits = new Map<string, string>();
  const vectors = new Map<string, Vector>();
  const unbacked: string[] = [];
  // Backups need a Priority profile over the split's own, which a flat profile cannot nest.
  const unnested = new Map([...weighed.vectors].map(([key, vector]) => [key, withoutBackups(vector)]));
  const variety = new Set([...unnested.values()].map((vector) => vector.key)).size;
  for (const [geo, key] of weighed.splits) {
    const vector = unnested.get(key)!;
    if (weighed.vectors.get(key)!.backups !== undefined) unbacked.push(geo);
    let flat = vector;
    if (vector.single === undefined && variety > 1) {
      flat = replaced.get(key) ?? topSlotVector(input.family, vector);
      replaced.set(key, flat);
      geosOf.set(key, [...(geosOf.get(key) ?? []), geo]);
    }
    vectors.set(flat.key, flat);
    splits.set(geo, flat.key);
  }
  const degradations = [...weighed.degradations];
  if (unbacked.length > 0) {
    const message = `${why}, which cannot hold the Priority-routed backups; ${listGeos(unbacked)} keep their own endpoints when all of them fail, until the next plan`;
    degradations.push(degrade(input.service, 'AZURE.NO_FAILOVER_BACKUP', message));
  }
  for (const [key, geos] of geosOf) {
    const before = weighed.vectors.get(key)!;
    const after = replaced.get(key)!.single!;
    degradations.push(
      degrade(
        input.service,
        'AZURE.FLAT_PROFILE_ONLY',
        `${why}; ${listGeos(geos)} get only ${describeSlot(after)} instead of ${describeVector(input.family, before)}`,
      ),
    );
  }
  return { vectors, splits, degradations };
}

function topSlotVector(family: Family, vector: Vector): Vector {
  let top = family.slots[0]!;
  for (const slot of family.slots) if ((vector.weights[slot.name] ?? 0) > (vector.weights[top.name] ?? 0)) top = slot;
  const weights = Object.fromEntries(family.slots.map((slot) => [slot.name, slot.name === top.name ? 1 : 0]));
  return vectorOf(family.type, family.slots, weights);
}

function describeSlot(slot: Slot): string {
  return slot.name === slot.endpoint ? slot.endpoint : `${slot.endpoint} (${slot.target} only)`;
}

/** `aws-fra 60%, az-weu 40%`: the vector's share per endpoint, largest first. */
function describeVector(family: Family, vector: Vector): string {
  const total = Object.values(vector.weights).reduce((sum, w) => sum + w, 0);
  const byEndpoint = new Map<string, number>();
  for (const slot of family.slots) {
    const weight = vector.weights[slot.name] ?? 0;
    if (weight > 0) byEndpoint.set(endpointIdOf(slot.name), (byEndpoint.get(endpointIdOf(slot.name)) ?? 0) + weight);
  }
  return [...byEndpoint]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([id, weight]) => `${id} ${Math.round((1000 * weight) / total) / 10}%`)
    .join(', ');
}

export interface Mapped {
  /** Record geography (`*`, `GEO-EU`, `DE`) → vector key, sorted. */
  readonly records: Map<string, string>;
  readonly degradations: Degradation[];
  /** Plan geographies the hierarchy lacks, and the record answering them instead. */
  readonly fallbacks: GeoFallback[];
}

/**
 * Records for the splits, within the endpoints one profile can hold (the root holds one endpoint
 * per distinct split; beyond the limit, the splits serving the least demand lose their records and
 * their geographies inherit a wider one), and a degradation for every geography Traffic Manager
 * cannot give its own split.
 */
export function mapSplits(input: WeighInput, weighed: Weighed): Mapped {
  const { geography } = input;
  const degradations: Degradation[] = [];
  const records = geography.mapGeographies(weighed.splits);
  const dropped = limitSplits(input, weighed, records, degradations);
  const wrong = [...weighed.splits]
    .filter(
      ([geo, key]) => geography.isMappable(geo) && !dropped.has(geo) && geography.resolveRecord(records, geo) !== key,
    )
    .map(([geo]) => geo);
  if (wrong.length > 0) {
    const message = `Traffic Manager cannot map ${listGeos(wrong)}; their users get the split of a wider region`;
    degradations.push(degrade(input.service, 'AZURE.UNMAPPABLE_GEOGRAPHY', message));
  }
  return { records, degradations, fallbacks: unlistedFallbacks(input, weighed, records) };
}

/** Plan geographies the hierarchy does not list: what answers them instead (see geo-fallbacks.ts). */
function unlistedFallbacks(input: WeighInput, weighed: Weighed, records: ReadonlyMap<string, string>): GeoFallback[] {
  const weightsOf = (key: string | undefined) => {
    const vector = key === undefined ? undefined : weighed.vectors.get(key);
    return vector === undefined ? {} : endpointWeights(vector.weights, input.family.slots);
  };
  return [...weighed.splits]
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

function limitSplits(
  input: WeighInput,
  weighed: Weighed,
  records: Map<string, string>,
  degradations: Degradation[],
): Set<string> {
  const keys = [...new Set(records.values())];
  if (keys.length <= MAX_PROFILE_ENDPOINTS) return new Set();
  const demand = new Map<string, number>();
  for (const g of input.geographies) {
    const key = weighed.splits.get(g.geo);
    if (key !== undefined) demand.set(key, (demand.get(key) ?? 0) + g.demand);
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
  degradations.push(degrade(input.service, 'AZURE.TOO_MANY_SPLITS', message));
  return dropped;
}

export function degrade(service: string, code: ErrorCode, message: string): Degradation {
  return { code, message: `${service}: ${message}`, service };
}

export function listGeos(geos: readonly string[]): string {
  const shown = geos.slice(0, 8).join(', ');
  return geos.length > 8 ? `${shown} and ${geos.length - 8} more` : shown;
}
