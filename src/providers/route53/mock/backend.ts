import { ROUTE53_DOCUMENTED_LOCATIONS, type Route53Location } from '../../../geo/provider-lists/route53-locations.js';
import { seededRandom } from '../../../util/random.js';
import { fileStore, memoryStore, type StateStore } from '../../mock/state-store.js';
import { type AnswerDistribution, answerDistribution, type ClientLocation } from './answer.js';
import type { OperationContext } from './context.js';
import { emptyCounters, type Route53MockCounters } from './counters.js';
import { noSuchHealthCheck, noSuchHostedZone } from './errors.js';
import { createFaultInjector, type FaultOptions } from './faults.js';
import { knownLocations } from './geo-codes.js';
import { type GeoLocator, parseClientLocation } from './geo-ip.js';
import { type HandlerParts, handleRoute53Request } from './handler.js';
import { isCalculated } from './health-calculated.js';
import { DEFAULT_LIMITS, type RateLimitOptions, type Route53MockLimits } from './limits.js';
import { canonicalName, isWithinZone } from './names.js';
import { createTokenBucket } from './rate-limit.js';
import { emptyRoute53State, findZone } from './state.js';
import type { MockHttpRequest, MockHttpResponse, Route53State, ZoneData } from './types.js';

export interface Route53MockOptions {
  /** Where the state lives; default: in memory. Use `route53StateFile(path)` to share it. */
  readonly store?: StateStore<Route53State>;
  readonly limits?: Partial<Route53MockLimits>;
  readonly faults?: FaultOptions;
  /** Account-wide token bucket; off unless given (see DOCUMENTED_RATE_LIMIT). */
  readonly rateLimit?: RateLimitOptions;
  /** Extra bucket for ChangeResourceRecordSets only; off unless given. */
  readonly changeRateLimit?: RateLimitOptions;
  /** Refuse a change to a zone whose previous change is still PENDING (PriorRequestNotComplete). */
  readonly busyWhilePending?: boolean;
  /** Default true. */
  readonly requireSameWeightedTtl?: boolean;
  /** Default true. */
  readonly protectAliasTargets?: boolean;
  /** Check alias targets in batch order, deletions first (default true; see BatchRules). */
  readonly aliasTargetsInBatchOrder?: boolean;
  /** Epoch ms; injectable so tests can move time without sleeping. */
  readonly clock?: () => number;
  /** Seeds TestDNSAnswer's weighted picks. */
  readonly seed?: number;
  /** Maps client IPs that are not synthetic mock addresses to a location. */
  readonly geoLocate?: GeoLocator;
  /**
   * The locations ListGeoLocations serves and ChangeResourceRecordSets accepts, in
   * ListGeoLocations order; default: AWS's documented list (src/geo/provider-lists).
   */
  readonly geoLocations?: readonly Route53Location[];
}

export interface AnswerRequest {
  /** The zone to answer from; default: the mock zone that most closely encloses `name`. */
  readonly zoneId?: string;
  readonly name: string;
  readonly type: string;
  /** `DE`, `US-CA`, a ClientLocation, or absent for a client no database can place. */
  readonly location?: string | ClientLocation;
}

export interface Route53MockBackend {
  /** The wire-level entry point every transport calls. */
  handle(request: MockHttpRequest): Promise<MockHttpResponse>;
  readonly store: StateStore<Route53State>;
  /** A copy of the counters so far. */
  counters(): Route53MockCounters;
  resetCounters(): void;
  /** Every answer Route 53 would give for the query, with its probability. */
  answerDistribution(request: AnswerRequest): Promise<AnswerDistribution>;
  /** Marks a health check healthy or unhealthy for answer evaluation (CALCULATED ones follow their children). */
  setHealthCheckStatus(id: string, healthy: boolean): Promise<void>;
}

/** A file-backed store holding Route 53 mock state; other processes using the path see it too. */
export function route53StateFile(path: string): StateStore<Route53State> {
  return fileStore(path, emptyRoute53State);
}

export function createRoute53Backend(options: Route53MockOptions = {}): Route53MockBackend {
  const store = options.store ?? memoryStore(emptyRoute53State());
  const clock = options.clock ?? Date.now;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const geoLocations = options.geoLocations ?? ROUTE53_DOCUMENTED_LOCATIONS;
  const context: OperationContext = {
    store,
    now: clock,
    limits,
    rules: {
      limits,
      requireSameWeightedTtl: options.requireSameWeightedTtl ?? true,
      protectAliasTargets: options.protectAliasTargets ?? true,
      knownLocations: knownLocations(geoLocations),
      aliasTargetsInBatchOrder: options.aliasTargetsInBatchOrder ?? true,
    },
    propagationMs: options.faults?.propagationMs ?? 0,
    busyWhilePending: options.busyWhilePending ?? false,
    random: seededRandom(options.seed ?? 1),
    geoLocate: options.geoLocate,
    geoLocations,
  };
  const counters = emptyCounters();
  const parts: HandlerParts = {
    context,
    counters,
    faults: createFaultInjector(options.faults),
    failStatus: options.faults?.failStatus ?? 500,
    faultAfterApply: options.faults?.afterApply ?? false,
    hangMs: options.faults?.hangMs ?? 60_000,
    requests: options.rateLimit && createTokenBucket(options.rateLimit, clock),
    changes: options.changeRateLimit && createTokenBucket(options.changeRateLimit, clock),
  };
  return {
    store,
    handle: (request) => handleRoute53Request(parts, request),
    counters: () => structuredClone(counters),
    // Reset in place: the handler holds this very object.
    resetCounters: () => Object.assign(counters, emptyCounters()),
    answerDistribution: async (request) => distributionFor(await store.read(), request),
    setHealthCheckStatus: (id, healthy) =>
      store.update((state) => {
        const check = state.healthChecks[id];
        if (!check) throw noSuchHealthCheck(id);
        if (isCalculated(check)) throw new Error(`health check ${id} is CALCULATED: set its children's status`);
        check.healthy = healthy;
      }),
  };
}

function distributionFor(state: Route53State, request: AnswerRequest): AnswerDistribution {
  const zone = request.zoneId === undefined ? enclosingZone(state, request.name) : findZone(state, request.zoneId);
  if (!zone) throw noSuchHostedZone(request.zoneId ?? request.name);
  const location = typeof request.location === 'string' ? parseClientLocation(request.location) : request.location;
  return answerDistribution(state, zone, {
    name: request.name,
    type: request.type,
    ...(location === undefined ? {} : { location }),
  });
}

function enclosingZone(state: Route53State, name: string): ZoneData | undefined {
  const canonical = canonicalName(name);
  return Object.values(state.zones)
    .filter((zone) => isWithinZone(canonical, zone.name))
    .sort((left, right) => right.name.length - left.name.length)[0];
}
