import { pinnedFor } from '../policy/pinned.js';
import type { Endpoint, Service } from '../policy/types.js';
import type { GeoAvailability } from './availability.js';
import type { FlowOutput } from './flow-model.js';
import type { Geography } from './geographies.js';

/**
 * A service's pinned split (policy/pinned.ts) in place of the solver's for the geographies it
 * covers. The pin is kept as far as the hard rules allow, and moved only where they force it:
 * an endpoint the geography may not use (sovereignty, down, fully drained) gets 0, a draining
 * one keeps (1 − drain) of its pinned share (so maintenance ramps it down on its schedule), and
 * what they give up goes to the geography's other pinned endpoints in proportion to their pins;
 * only when none is left does it go where the solver would send it. Rows still sum to 1.
 */
export interface PinnedResult {
  readonly flow: FlowOutput;
  /** Per geography index, the pinned key that covers it (undefined: solved as usual). */
  readonly keys: readonly (string | undefined)[];
}

export function applyPinned(
  service: Service,
  geos: readonly Geography[],
  endpoints: readonly Endpoint[],
  availability: readonly GeoAvailability[],
  demand: Float64Array,
  flow: FlowOutput,
): PinnedResult {
  const E = endpoints.length;
  const shares = Float64Array.from(flow.shares);
  const keys = geos.map((geo, g) => {
    const entry = pinnedFor(service, geo.id);
    if (entry === undefined) return undefined;
    const row = pinnedRow(
      endpoints.map((endpoint) => (entry.shares[endpoint.id] ?? 0) / 100),
      availability[g]!,
      shares.subarray(g * E, (g + 1) * E),
    );
    shares.set(row, g * E);
    return entry.key;
  });
  const load = new Float64Array(E);
  geos.forEach((_, g) => {
    for (let e = 0; e < E; e++) load[e] = load[e]! + demand[g]! * shares[g * E + e]!;
  });
  return { flow: { ...flow, shares, load }, keys };
}

function pinnedRow(pin: readonly number[], availability: GeoAvailability, solved: Float64Array): Float64Array {
  const row = new Float64Array(pin.length);
  const allowed = new Set(availability.allowed);
  let kept = 0;
  for (let e = 0; e < pin.length; e++) {
    if (!allowed.has(e)) continue;
    row[e] = pin[e]! * (1 - (availability.drain.get(e) ?? 0));
    kept += row[e]!;
  }
  const freed = 1 - kept;
  if (freed <= 1e-12) return row;
  // Takers: pinned endpoints the geography may use and that are not draining.
  const takers = [...allowed].filter((e) => pin[e]! > 0 && (availability.drain.get(e) ?? 0) === 0);
  const weight = takers.reduce((sum, e) => sum + pin[e]!, 0);
  if (weight > 0) {
    for (const e of takers) row[e] = row[e]! + (freed * pin[e]!) / weight;
    return row;
  }
  for (let e = 0; e < pin.length; e++) row[e] = row[e]! + freed * solved[e]!;
  return row;
}
