import { TrafficportError } from '../errors.js';
import type { Cloud, Endpoint, Policy, Service } from '../policy/types.js';
import { compareText } from '../util/compare.js';
import type { GeoAvailability } from './availability.js';
import { type BindingContext, bindingReasons } from './binding.js';
import { exclusionsOnly, type SharesMaker, type SplitDetail, sharesMaker } from './detail.js';
import type { FlowInput, FlowOutput } from './flow-model.js';
import type { Geography } from './geographies.js';
import type { DrainState } from './maintenance.js';
import { roundShares } from './rounding.js';
import { balanceRulesFor, ruleBounds } from './services.js';
import type { EndpointSummary, GeographySplit, Reason, ServiceSplit, Shortfall } from './types.js';

export interface SummaryInput {
  readonly policy: Policy;
  readonly service: Service;
  readonly endpoints: readonly Endpoint[];
  readonly geos: readonly Geography[];
  readonly demand: Float64Array;
  readonly latency: Float64Array;
  readonly availability: readonly GeoAvailability[];
  readonly drains: ReadonlyMap<string, DrainState>;
  readonly down: ReadonlyMap<string, string>;
  readonly flow: FlowOutput;
  /** The flow problem that was solved (for reading what binds). */
  readonly flowInput: FlowInput;
  /** Capacity as a fraction of total demand, per endpoint. */
  readonly capacity: Float64Array;
  /** How much of the split to keep (see detail.ts); everything by default. */
  readonly detail?: SplitDetail;
  /** Per geography, the pinned key whose split it keeps (solve/pinned.ts); absent: none pinned. */
  readonly pinned?: readonly (string | undefined)[];
}

const TOLERANCE = 1e-7;
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Turns the solver's flow into the published split, with reasons and shortfalls. */
export function summarizeService(input: SummaryInput): ServiceSplit {
  const shortfalls: Shortfall[] = [];
  const endpoints = summarizeEndpoints(input, shortfalls);
  const cloudShares = summarizeClouds(input, shortfalls);
  const makeShares = sharesMaker(input.endpoints, input.detail ?? 'full');
  const binding: BindingContext = {
    input: input.flowInput,
    flow: input.flow,
    endpoints: input.endpoints,
    rules: balanceRulesFor(input.policy, input.service),
    cloudShares: cloudLoads(input),
  };
  const geographies = input.geos.map((geo, g) => summarizeGeography(input, geo, g, shortfalls, makeShares, binding));
  const meanLatencyMs = round(
    geographies.reduce((sum, geo, g) => sum + input.demand[g]! * geo.latencyMs, 0),
    1,
  );
  enforceFailurePolicies(input, shortfalls);
  const total = input.policy.demand.total;
  return {
    service: input.service.name,
    ttl: input.service.ttl,
    ...(total === undefined ? {} : { demandTotal: total }),
    endpoints,
    clouds: cloudShares,
    geographies,
    shortfalls,
    meanLatencyMs,
  };
}

function summarizeEndpoints(input: SummaryInput, shortfalls: Shortfall[]): EndpointSummary[] {
  const total = input.policy.demand.total;
  return input.endpoints.map((endpoint, e) => {
    const fraction = input.flow.load[e]!;
    const drain = input.drains.get(endpoint.id);
    const status = input.down.has(endpoint.id) ? 'down' : (drain?.phase ?? 'active');
    const load = total === undefined ? undefined : fraction * total;
    const capacity = input.capacity[e]!;
    if (fraction > capacity + TOLERANCE && total !== undefined) {
      const limit = capacity * total;
      shortfalls.push({
        kind: 'capacity',
        endpoint: endpoint.id,
        load: round(load!, 1),
        capacity: round(limit, 1),
        over: round(load! - limit, 1),
      });
    }
    return {
      id: endpoint.id,
      cloud: endpoint.cloud,
      ...(endpoint.region === undefined ? {} : { region: endpoint.region }),
      status,
      share: round(fraction * 100),
      ...(load === undefined ? {} : { load: round(load, 1) }),
      ...(endpoint.capacity === undefined ? {} : { capacity: endpoint.capacity }),
      ...(load === undefined || endpoint.capacity === undefined
        ? {}
        : { utilization: round((100 * load) / endpoint.capacity, 1) }),
      windows: drain?.windows ?? [],
    };
  });
}

/** Each cloud's share of all the service's traffic, as a fraction. */
function cloudLoads(input: SummaryInput): Map<Cloud, number> {
  const shares = new Map<Cloud, number>();
  input.endpoints.forEach((endpoint, e) => {
    shares.set(endpoint.cloud, (shares.get(endpoint.cloud) ?? 0) + input.flow.load[e]!);
  });
  return shares;
}

function summarizeClouds(input: SummaryInput, shortfalls: Shortfall[]): Partial<Record<Cloud, number>> {
  const shares = cloudLoads(input);
  for (const rule of balanceRulesFor(input.policy, input.service)) {
    for (const [cloud, share] of shares) {
      const { min, max } = ruleBounds(rule, cloud);
      const bound = share < min - TOLERANCE ? min : share > max + TOLERANCE ? max : undefined;
      if (bound !== undefined) {
        shortfalls.push({
          kind: 'balance',
          rule: rule.name,
          cloud,
          share: round(share * 100),
          bound: round(bound * 100),
          by: round(Math.abs(share - bound) * 100),
        });
      }
    }
  }
  return Object.fromEntries(
    [...shares].sort(([a], [b]) => compareText(a, b)).map(([cloud, share]) => [cloud, round(share * 100)]),
  );
}

function summarizeGeography(
  input: SummaryInput,
  geo: Geography,
  g: number,
  shortfalls: Shortfall[],
  makeShares: SharesMaker,
  binding: BindingContext,
): GeographySplit {
  const E = input.endpoints.length;
  const row = Array.from({ length: E }, (_, e) => input.flow.shares[g * E + e]!);
  const percent = roundShares(row);
  const latencyMs = round(
    row.reduce((sum, share, e) => sum + share * input.latency[g * E + e]!, 0),
    1,
  );
  // Bound reasons are worked out whatever is kept: they record the shortfalls.
  const bounds = boundReasons(input, g, row, shortfalls, geo);
  const pinnedKey = input.pinned?.[g];
  // A pinned row is the pin, not the optimum: the solver's bounds did not shape it.
  if (pinnedKey !== undefined) bounds.push({ kind: 'pinned', record: pinnedKey });
  else if (input.detail !== 'publish') bounds.push(...bindingReasons(binding, g));
  return {
    geo: geo.id,
    name: geo.name,
    demand: round(input.demand[g]! * 100, 4),
    shares: makeShares(percent),
    latencyMs,
    reasons: input.detail === 'publish' ? exclusionsOnly(input.availability[g]!.reasons) : allReasons(input, g, bounds),
  };
}

function allReasons(input: SummaryInput, g: number, bounds: readonly Reason[]): Reason[] {
  const E = input.endpoints.length;
  const { allowed, reasons: availabilityReasons } = input.availability[g]!;
  if (input.detail === 'reasons') return [...availabilityReasons, ...bounds];
  const ranking = [...allowed]
    .sort((a, b) => input.latency[g * E + a]! - input.latency[g * E + b]! || a - b)
    .slice(0, 5)
    .map((e) => ({ endpoint: input.endpoints[e]!.id, latencyMs: round(input.latency[g * E + e]!, 1) }));
  return [...availabilityReasons, ...bounds, { kind: 'nearest', ranking }];
}

/** Shortfall reasons of this geography: too few endpoints for minEndpoints, endpoints used beyond maxLatencyMs. */
function boundReasons(
  input: SummaryInput,
  g: number,
  row: readonly number[],
  shortfalls: Shortfall[],
  geo: Geography,
): Reason[] {
  const E = input.endpoints.length;
  const reasons: Reason[] = [];
  const { allowed, drain } = input.availability[g]!;
  const k = input.policy.rules.geography.minEndpoints;
  const steady = allowed.filter((e) => (drain.get(e) ?? 0) === 0).length;
  if (k > 1 && steady < k) {
    reasons.push({ kind: 'spread', minEndpoints: k, available: steady });
    shortfalls.push({ kind: 'spread', geo: geo.id, minEndpoints: k, available: steady });
  }
  const maxLatency = input.policy.rules.geography.maxLatencyMs;
  if (maxLatency !== undefined) {
    const exceeded = allowed.filter((e) => row[e]! > TOLERANCE && input.latency[g * E + e]! > maxLatency);
    if (exceeded.length > 0) {
      reasons.push({
        kind: 'latency-bound',
        maxLatencyMs: maxLatency,
        exceeded: exceeded.map((e) => input.endpoints[e]!.id),
      });
      const worst = Math.max(...exceeded.map((e) => input.latency[g * E + e]!));
      if (input.demand[g]! > 0)
        shortfalls.push({ kind: 'latency', geo: geo.id, maxLatencyMs: maxLatency, latencyMs: round(worst, 1) });
    }
  }
  return reasons;
}

function enforceFailurePolicies(input: SummaryInput, shortfalls: readonly Shortfall[]): void {
  const capacity = shortfalls.filter((s) => s.kind === 'capacity');
  if (capacity.length > 0 && input.policy.rules.capacity.whenExceeded === 'fail') {
    const detail = capacity.map((s) => `${s.endpoint} by ${s.over} rps`).join(', ');
    throw new TrafficportError(
      'SOLVE.CAPACITY',
      `service ${input.service.name} cannot be served within capacity: ${detail} over`,
      {
        hint: 'add capacity or endpoints, lower demand.total, or set rules.capacity.whenExceeded: report to serve with overload',
      },
    );
  }
  for (const rule of balanceRulesFor(input.policy, input.service)) {
    const misses = shortfalls.filter((s) => s.kind === 'balance' && s.rule === rule.name);
    if (misses.length > 0 && rule.whenInfeasible === 'fail') {
      const detail = misses
        .map((s) => (s.kind === 'balance' ? `${s.cloud} at ${s.share}% (bound ${s.bound}%)` : ''))
        .join(', ');
      throw new TrafficportError(
        'SOLVE.BALANCE',
        `balance rule '${rule.name}' cannot be met for ${input.service.name}: ${detail}`,
        {
          hint: 'widen the tolerance, add endpoints in the short cloud, or set whenInfeasible: report',
        },
      );
    }
  }
}
