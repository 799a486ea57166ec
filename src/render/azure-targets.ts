import type { Endpoint, Service } from '../policy/types.js';
import type { AzureRecordType } from './azure-names.js';
import { integerWeights, TRAFFIC_MANAGER_WEIGHTS } from './weights.js';

/**
 * Which Traffic Manager external endpoints a service needs, per record type.
 *
 * An endpoint with several addresses becomes one external endpoint per address (`aws-fra.1`,
 * `aws-fra.2`; a single address keeps the bare id), and its share is split evenly between them:
 * Traffic Manager answers one target per query, so the endpoint as a whole still gets its share.
 * Endpoint ids never contain a dot, so the id is the name up to the first dot.
 *
 * A and AAAA get separate trees: an A (AAAA) alias needs every leaf to be an IPv4 (IPv6) address.
 */

/** One Traffic Manager external endpoint. */
export interface Slot {
  readonly endpoint: string;
  readonly name: string;
  readonly target: string;
}

export interface Family {
  readonly type: AzureRecordType;
  readonly slots: readonly Slot[];
}

export function serviceFamilies(service: Service, endpoints: ReadonlyMap<string, Endpoint>): Family[] {
  const members = service.endpoints.flatMap((id) => {
    const endpoint = endpoints.get(id);
    return endpoint === undefined ? [] : [endpoint];
  });
  if (members.some((e) => e.targets.cname !== undefined)) {
    const slots = members.flatMap((e) =>
      e.targets.cname === undefined ? [] : [{ endpoint: e.id, name: e.id, target: e.targets.cname }],
    );
    return [{ type: 'CNAME', slots }];
  }
  const families: Family[] = [];
  const a = members.flatMap((e) => addressSlots(e.id, e.targets.a));
  const aaaa = members.flatMap((e) => addressSlots(e.id, e.targets.aaaa));
  if (a.length > 0) families.push({ type: 'A', slots: a });
  if (aaaa.length > 0) families.push({ type: 'AAAA', slots: aaaa });
  return families;
}

function addressSlots(id: string, addresses: readonly string[]): Slot[] {
  if (addresses.length === 1) return [{ endpoint: id, name: id, target: addresses[0]! }];
  return addresses.map((target, i) => ({ endpoint: id, name: `${id}.${i + 1}`, target }));
}

/** The endpoint id a Traffic Manager endpoint name stands for (see the module comment). */
export function endpointIdOf(slotName: string): string {
  const dot = slotName.indexOf('.');
  return dot < 0 ? slotName : slotName.slice(0, dot);
}

export interface SlotWeights {
  /** Slot name → weight; 0 means the slot is published Disabled. */
  readonly weights: Readonly<Record<string, number>>;
  /** Percent of the geography's traffic planned for endpoints this family has no target for. */
  readonly unreachable: number;
}

/**
 * Traffic Manager weights (1–1000; 0 = Disabled) for one geography's shares, or undefined when no
 * slot of this family has a positive share (the family cannot serve the geography at all).
 */
export function slotWeights(shares: Readonly<Record<string, number>>, slots: readonly Slot[]): SlotWeights | undefined {
  const perEndpoint = new Map<string, number>();
  for (const slot of slots) perEndpoint.set(slot.endpoint, (perEndpoint.get(slot.endpoint) ?? 0) + 1);
  const expanded = slots.map((slot) => Math.max(0, shares[slot.endpoint] ?? 0) / perEndpoint.get(slot.endpoint)!);
  const unreachable = Object.entries(shares)
    .filter(([id, share]) => share > 0 && !perEndpoint.has(id))
    .reduce((sum, [, share]) => sum + share, 0);
  if (!expanded.some((share) => share > 0)) return undefined;
  const integers = integerWeights(expanded, TRAFFIC_MANAGER_WEIGHTS);
  const weights: Record<string, number> = {};
  slots.forEach((slot, i) => {
    weights[slot.name] = integers[i]!;
  });
  return { weights, unreachable };
}

/** Integer weight per endpoint id (the sum over its slots), as `published` reports it. */
export function endpointWeights(
  weights: Readonly<Record<string, number>>,
  slots: readonly Slot[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const slot of slots) out[slot.endpoint] = (out[slot.endpoint] ?? 0) + (weights[slot.name] ?? 0);
  return out;
}
