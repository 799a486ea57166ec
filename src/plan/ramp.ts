import { roundShares } from '../solve/rounding.js';
import type { GeographySplit, Splits } from '../solve/types.js';
import { type ServiceDistributions, trafficMoved } from './traffic.js';

/**
 * Splits a large traffic move into steps so no geography moves more than `maxShiftPercent` at
 * once: the intermediate plans interpolate each geography from what resolvers get now to the
 * target. Endpoints the target excludes for a hard reason (sovereignty, down, fully drained)
 * leave at once — ramping is for discretionary moves, never for a rule. Returns the intermediate
 * plans only (the target itself is the last step).
 */
export function rampSplits(target: Splits, before: ServiceDistributions, maxShiftPercent: number): Splits[] {
  const largest = largestMove(target, before);
  const steps = Math.ceil(largest / Math.max(maxShiftPercent, 1e-9));
  if (steps <= 1) return [];
  return Array.from({ length: steps - 1 }, (_, k) => interpolate(target, before, (k + 1) / steps));
}

/** The largest move of any one geography between `before` and `target`, percent. */
export function largestMove(target: Splits, before: ServiceDistributions): number {
  let largest = 0;
  for (const service of target.services) {
    const previous = before.get(service.service);
    for (const geo of service.geographies) {
      const from = previous?.get(geo.geo);
      if (from === undefined) continue;
      let variation = 0;
      for (const [id, share] of Object.entries(geo.shares)) variation += Math.abs(share / 100 - (from.get(id) ?? 0));
      largest = Math.max(largest, (100 * variation) / 2);
    }
  }
  return largest;
}

function interpolate(target: Splits, before: ServiceDistributions, t: number): Splits {
  return {
    ...target,
    services: target.services.map((service) => ({
      ...service,
      geographies: service.geographies.map((geo) =>
        interpolateGeography(geo, before.get(service.service)?.get(geo.geo), t),
      ),
    })),
  };
}

function interpolateGeography(
  geo: GeographySplit,
  from: ReadonlyMap<string, number> | undefined,
  t: number,
): GeographySplit {
  if (from === undefined) return geo;
  const excluded = hardExclusions(geo);
  const ids = Object.keys(geo.shares);
  const mixed = ids.map((id) =>
    excluded.has(id) ? 0 : (1 - t) * (from.get(id) ?? 0) + (t * (geo.shares[id] ?? 0)) / 100,
  );
  if (mixed.every((x) => x <= 0)) return geo;
  const percent = roundShares(mixed);
  return { ...geo, shares: Object.fromEntries(ids.map((id, i) => [id, percent[i]!])) };
}

function hardExclusions(geo: GeographySplit): Set<string> {
  const excluded = new Set<string>();
  for (const reason of geo.reasons) {
    if (reason.kind === 'sovereignty') for (const id of reason.excluded) excluded.add(id);
    if (reason.kind === 'down') excluded.add(reason.endpoint);
    if (reason.kind === 'maintenance' && reason.drained >= 1) excluded.add(reason.endpoint);
  }
  return excluded;
}

/**
 * The share of traffic (demand-weighted, percent; the largest of the services) each step of the
 * ramp moves, from `before` through the intermediate plans to the target: what a ramped apply
 * moves at once, which the traffic limit is checked against.
 */
export function rampStepMoves(target: Splits, before: ServiceDistributions, maxShiftPercent: number): number[] {
  const states = [before, ...[...rampSplits(target, before, maxShiftPercent), target].map(distributionsOf)];
  return states.slice(1).map((next, i) => largestServiceMove(target, states[i]!, next));
}

/**
 * The traffic (percent) that moves at once however fine the ramp: the shares of endpoints the
 * target excludes for a hard reason (sovereignty, down, fully drained), which never ramp.
 */
export function unrampableMove(target: Splits, before: ServiceDistributions): number {
  return largestServiceMove(target, before, distributionsOf(interpolate(target, before, 0)));
}

function largestServiceMove(target: Splits, from: ServiceDistributions, to: ServiceDistributions): number {
  let largest = 0;
  for (const service of target.services) {
    const demand = new Map(service.geographies.map((g) => [g.geo, g.demand / 100]));
    const moved = trafficMoved(
      from.get(service.service) ?? new Map(),
      to.get(service.service) ?? new Map(),
      (geo) => demand.get(geo) ?? 0,
    );
    largest = Math.max(largest, 100 * moved);
  }
  return largest;
}

function distributionsOf(splits: Splits): ServiceDistributions {
  return new Map(
    splits.services.map((service) => [
      service.service,
      new Map(
        service.geographies.map((geo) => [
          geo.geo,
          new Map(Object.entries(geo.shares).map(([id, share]) => [id, share / 100])),
        ]),
      ),
    ]),
  );
}
