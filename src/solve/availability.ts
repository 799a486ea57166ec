import { TrafficportError } from '../errors.js';
import { ruleForbids, rulesFor } from '../policy/selectors.js';
import type { Endpoint, SovereigntyRule } from '../policy/types.js';
import type { Geography } from './geographies.js';
import type { DrainState } from './maintenance.js';
import type { Reason } from './types.js';

/** Which endpoints a geography may use at this moment, and why the others may not. */
export interface GeoAvailability {
  /** Endpoint indexes (into the service's endpoints) the geography may use. */
  readonly allowed: readonly number[];
  /** Drain fraction per allowed endpoint index (0 when not draining). */
  readonly drain: ReadonlyMap<number, number>;
  readonly reasons: readonly Reason[];
}

export interface AvailabilityInput {
  readonly endpoints: readonly Endpoint[];
  readonly rules: readonly SovereigntyRule[];
  readonly drains: ReadonlyMap<string, DrainState>;
  /** Endpoint id → what says it is down (`--down`, a health file...). */
  readonly down: ReadonlyMap<string, string>;
}

export { ruleForbids, rulesFor, selectorMatches } from '../policy/selectors.js';

/**
 * Sovereignty is applied first and is never relaxed; then health; then maintenance. When a
 * sovereign geography has nothing left, a rule may say `ignore-maintenance` (serve from allowed
 * endpoints even while drained); otherwise the plan fails naming the rule and the geography.
 */
export function geoAvailability(geo: Geography, input: AvailabilityInput): GeoAvailability {
  const { endpoints, drains, down } = input;
  const rules = rulesFor(geo, input.rules);
  const reasons: Reason[] = geo.country === undefined ? [{ kind: 'default-audience' }] : [];
  const sovereign: number[] = [];
  const excludedBy = new Map<string, string[]>();
  endpoints.forEach((endpoint, i) => {
    const forbidding = rules.filter((rule) => ruleForbids(rule, endpoint));
    for (const rule of forbidding) excludedBy.set(rule.name, [...(excludedBy.get(rule.name) ?? []), endpoint.id]);
    if (forbidding.length === 0) sovereign.push(i);
  });
  for (const [rule, excluded] of excludedBy) reasons.push({ kind: 'sovereignty', rule, excluded });

  const healthy = sovereign.filter((i) => {
    const source = down.get(endpoints[i]!.id);
    if (source !== undefined) reasons.push({ kind: 'down', endpoint: endpoints[i]!.id, source });
    return source === undefined;
  });
  const drain = new Map<number, number>();
  const allowed = healthy.filter((i) => {
    const state = drains.get(endpoints[i]!.id);
    if (state === undefined) return true;
    for (const window of state.windows) {
      reasons.push({
        kind: 'maintenance',
        window,
        endpoint: endpoints[i]!.id,
        phase: state.phase,
        drained: state.fraction,
      });
    }
    if (state.fraction >= 1) return false;
    drain.set(i, state.fraction);
    return true;
  });
  if (allowed.length > 0) return { allowed, drain, reasons };

  const overriding = rules.find((rule) => rule.whenUnservable === 'ignore-maintenance');
  if (overriding !== undefined && healthy.length > 0) {
    reasons.push({
      kind: 'sovereignty-override',
      rule: overriding.name,
      restored: healthy.map((i) => endpoints[i]!.id),
    });
    return { allowed: healthy, drain: new Map(), reasons };
  }
  throw unservable(geo, rules, endpoints, sovereign, healthy);
}

function unservable(
  geo: Geography,
  rules: readonly SovereigntyRule[],
  endpoints: readonly Endpoint[],
  sovereign: readonly number[],
  healthy: readonly number[],
): TrafficportError {
  const names = (indexes: readonly number[]) => indexes.map((i) => endpoints[i]!.id).join(', ');
  const why =
    sovereign.length === 0
      ? 'no endpoint of the service is allowed'
      : `its allowed endpoints (${names(sovereign)}) are ${healthy.length === 0 ? 'down' : 'drained for maintenance'}`;
  if (rules.length === 0) {
    return new TrafficportError(
      'SOLVE.NO_ENDPOINTS',
      `geography ${geo.id} (${geo.name}) has no endpoint to serve it: ${why}`,
      {
        hint: 'bring an endpoint back (health, --down), or move a maintenance window so they do not overlap',
      },
    );
  }
  const ruleNames = rules.map((rule) => `'${rule.name}'`).join(', ');
  return new TrafficportError(
    'SOLVE.UNSERVABLE',
    `sovereignty rule ${ruleNames} leaves geography ${geo.id} (${geo.name}) unservable: ${why}`,
    {
      hint: 'add an allowed endpoint, avoid overlapping windows, or set whenUnservable: ignore-maintenance on the rule to keep serving from drained endpoints',
    },
  );
}
