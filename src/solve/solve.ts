import { createHash } from 'node:crypto';
import { formatInstant } from '../policy/time.js';
import type { Policy, Service } from '../policy/types.js';
import { type GeoAvailability, geoAvailability } from './availability.js';
import { demandFractions } from './demand.js';
import type { SplitDetail } from './detail.js';
import { type FlowInput, solveFlow } from './flow-model.js';
import { type Geography, listGeographies } from './geographies.js';
import { latencyMatrix, type MeasuredLatency } from './latency.js';
import { type DrainState, drainStates } from './maintenance.js';
import { applyPinned } from './pinned.js';
import { balanceRulesFor, cloudBounds, endpointSharing, serviceEndpoints } from './services.js';
import { summarizeService } from './summarize.js';
import { nextChangeAfter } from './timeline.js';
import { NO_OVERRIDES, type Overrides, type ServiceSplit, type SplitReference, type Splits } from './types.js';

export interface SolveOptions {
  readonly overrides?: Overrides;
  readonly measuredLatency?: MeasuredLatency;
  /** Skip looking ahead for the next change moment (the timeline sets it itself). */
  readonly skipNextChange?: boolean;
  /** How much of the split to keep (see detail.ts): `full` by default, `publish` for plan and apply. */
  readonly detail?: SplitDetail;
  /**
   * The split to stay close to, per service (what is published). Without one, a moment with
   * maintenance or endpoints down stays close to the plan without them, the plan in force before.
   */
  readonly reference?: SplitReference;
  /** Solve every service on its own even when another has the same problem (tests, benchmarks). */
  readonly shareSolves?: boolean;
}

/**
 * Solves every service of the policy at moment `at` (epoch ms). Pure and deterministic: the same
 * policy, moment and options give the same plan. Throws a TrafficportError when a hard rule
 * cannot be met (an unservable sovereign geography; a failing capacity or balance rule).
 */
export function solve(policy: Policy, at: number, options: SolveOptions = {}): Splits {
  const overrides = options.overrides ?? NO_OVERRIDES;
  const context = prepare(policy, options);
  // Services with the same problem (endpoints, TTL, balance rules, reference; demand and the
  // rest are the policy's) get the same split: solved once, and its parts shared, not copied.
  const solved = new Map<string, ServiceSplit>();
  const services = policy.services.map((service) => {
    const key = options.shareSolves === false ? service.name : problemKey(context, service);
    const known = solved.get(key);
    if (known !== undefined) return { ...known, service: service.name };
    const split = solveService(context, service, at, overrides);
    solved.set(key, split);
    return split;
  });
  const next = options.skipNextChange ? undefined : nextChangeAfter(policy, at);
  return {
    version: 1,
    at: formatInstant(at),
    services,
    ...(next === undefined ? {} : { nextChangeAt: formatInstant(next) }),
    overrides,
  };
}

/**
 * What makes one service's problem differ from another's in the same solve: its endpoints (in
 * order), TTL (when drains start), the balance rules that name it, and the split it should stay
 * close to. Everything else (geographies, demand, sovereignty, maintenance, overrides, capacity
 * sharing) is the policy's.
 */
function problemKey(context: SolveContext, service: Service): string {
  const rules = context.policy.rules.balance
    .map((rule, i) => (rule.services.length === 0 || rule.services.includes(service.name) ? i : -1))
    .filter((i) => i >= 0);
  const reference = context.reference?.get(service.name);
  // A reference is kilobytes of text: its digest keeps 10,000 keys small.
  const referenceDigest =
    reference === undefined
      ? ''
      : createHash('sha256')
          .update(
            [...reference].map(([geo, row]) => `${geo}:${[...row].map(([id, v]) => `${id}=${v}`).join(',')}`).join(';'),
          )
          .digest('base64');
  return `${service.ttl}|${service.endpoints.join(',')}|${rules.join(',')}|${referenceDigest}`;
}

interface SolveContext {
  readonly policy: Policy;
  readonly geos: readonly Geography[];
  readonly demand: Float64Array;
  readonly sharing: ReadonlyMap<string, number>;
  readonly measuredLatency: MeasuredLatency | undefined;
  readonly detail: SplitDetail;
  readonly reference: SplitReference | undefined;
}

function prepare(policy: Policy, options: SolveOptions): SolveContext {
  const geos = listGeographies(policy);
  return {
    policy,
    geos,
    demand: demandFractions(policy.demand, geos),
    sharing: endpointSharing(policy),
    measuredLatency: options.measuredLatency,
    detail: options.detail ?? 'full',
    reference: options.reference,
  };
}

function solveService(context: SolveContext, service: Service, at: number, overrides: Overrides): ServiceSplit {
  const prepared = prepareService(context, service, at, overrides);
  const solved = solveFlow(prepared.input);
  const pinned =
    service.pinned === undefined
      ? undefined
      : applyPinned(service, context.geos, prepared.endpoints, prepared.availability, context.demand, solved);
  return summarizeService({
    ...prepared,
    policy: context.policy,
    service,
    geos: context.geos,
    demand: context.demand,
    flow: pinned?.flow ?? solved,
    flowInput: prepared.input,
    detail: context.detail,
    ...(pinned === undefined ? {} : { pinned: pinned.keys }),
  });
}

/**
 * The flow problem of every service at `at`, exactly as `solve` poses it; exported so the
 * engine can be checked against an exact LP solver and benchmarked on the same instances.
 */
export function flowInputs(policy: Policy, at: number, options: SolveOptions = {}): FlowInput[] {
  const context = prepare(policy, options);
  return policy.services.map(
    (service) => prepareService(context, service, at, options.overrides ?? NO_OVERRIDES).input,
  );
}

function prepareService(context: SolveContext, service: Service, at: number, overrides: Overrides) {
  const { policy, geos, demand } = context;
  const endpoints = serviceEndpoints(policy, service);
  const latency = latencyMatrix(geos, endpoints, demand, context.measuredLatency);
  const down = downEndpoints(endpoints, overrides);
  const drains = drainStates(policy.rules.maintenance, endpoints, service.ttl, at);
  const availabilityWith = (
    drainMap: ReadonlyMap<string, DrainState>,
    downMap: ReadonlyMap<string, string> = down,
  ): GeoAvailability[] =>
    geos.map((geo) =>
      geoAvailability(geo, { endpoints, rules: policy.rules.sovereignty, drains: drainMap, down: downMap }),
    );
  const availability = availabilityWith(drains);

  const total = policy.demand.total;
  const headroom = 1 - policy.rules.capacity.headroom / 100;
  const capacity = Float64Array.from(endpoints, (e) =>
    total === undefined || e.capacity === undefined
      ? Number.POSITIVE_INFINITY
      : (e.capacity * headroom) / (context.sharing.get(e.id) ?? 1) / total,
  );
  const clouds = endpoints.map((e) => e.cloud);
  const base = {
    geoCount: geos.length,
    endpointCount: endpoints.length,
    demand,
    latency,
    clouds,
    capacity,
    cloudBounds: cloudBounds(balanceRulesFor(policy, service), [...new Set(clouds)]),
    minEndpoints: policy.rules.geography.minEndpoints,
    ...(policy.rules.geography.maxLatencyMs === undefined ? {} : { maxLatencyMs: policy.rules.geography.maxLatencyMs }),
  };
  // Stay close to what is published; offline, with maintenance or endpoints down, to the plan
  // without them (in force before they began), so only their traffic moves.
  const reference =
    referenceMatrix(context.reference?.get(service.name), geos, endpoints) ??
    (drains.size > 0 || down.size > 0
      ? solveFlow({ ...base, availability: availabilityWith(new Map(), new Map()) }).shares
      : undefined);
  const steady = reference === undefined ? {} : { reference };
  // Any maintenance in effect: solve without it too, to ramp from.
  const baseline =
    drains.size > 0 ? solveFlow({ ...base, ...steady, availability: availabilityWith(new Map()) }).shares : undefined;
  const input: FlowInput = { ...base, ...steady, availability, ...(baseline === undefined ? {} : { baseline }) };
  return { input, endpoints, latency, availability, drains, down, capacity };
}

function downEndpoints(endpoints: readonly { id: string; cloud: string; region?: string }[], overrides: Overrides) {
  const down = new Map<string, string>();
  for (const e of endpoints) {
    if (overrides.downEndpoints.includes(e.id)) down.set(e.id, 'marked down');
    else if (e.region !== undefined && overrides.downRegions.includes(e.region))
      down.set(e.id, `region ${e.region} down`);
    else if (overrides.downClouds.includes(e.cloud)) down.set(e.id, `cloud ${e.cloud} down`);
  }
  return down;
}

/**
 * A service's reference split as a geo-major matrix of fractions, if given. Rows are taken as
 * they are, not renormalized: a share the reference gives an endpoint the service no longer has
 * must move anyway, and the rest should stay where it was.
 */
function referenceMatrix(
  split: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined,
  geos: readonly Geography[],
  endpoints: readonly { id: string }[],
): Float64Array | undefined {
  if (split === undefined) return undefined;
  const E = endpoints.length;
  const matrix = new Float64Array(geos.length * E);
  geos.forEach((geo, g) => {
    const row = split.get(geo.id);
    if (row === undefined) return;
    endpoints.forEach((e, i) => {
      matrix[g * E + i] = Math.min(1, Math.max(0, row.get(e.id) ?? 0));
    });
  });
  return matrix;
}
