import type { StateStore } from '../../mock/state-store.js';
import { matchDnsRoute } from './dns-routes.js';
import {
  type AzureMockFaults,
  type AzureMockStats,
  createFaultInjector,
  StatsCounter,
  statusFaultCode,
  TransportFault,
} from './faults.js';
import { type AzureRateLimits, createRateLimiter, DOCUMENTED_DNS_RATE_LIMITS, formatInterval } from './rate-limits.js';
import { type AzureMockState, createAzureMockStore } from './state.js';
import { matchTrafficManagerRoute } from './traffic-manager-routes.js';
import {
  ArmError,
  type AzureMockLimits,
  armError,
  DEFAULT_AZURE_LIMITS,
  type MockHttpRequest,
  type MockHttpResponse,
  type RouteMatch,
} from './wire.js';

export interface AzureMockOptions {
  /** Where state lives (default: a fresh in-memory store). */
  readonly store?: StateStore<AzureMockState>;
  readonly faults?: AzureMockFaults;
  /** Override documented limits (e.g. a small `recordSetsPerZone` to test the limit). */
  readonly limits?: Partial<AzureMockLimits>;
  /**
   * Per-zone request budgets: `'documented'` for Azure's published values, an object for custom
   * ones, `false`/absent for none (the default, so tests and examples are never throttled by accident).
   */
  readonly rateLimits?: AzureRateLimits | 'documented' | false;
  /** Clock for the rate limiter (default `Date.now`). */
  readonly now?: () => number;
}

/** The mock ARM endpoint: one function from request to response, plus its counters. */
export interface AzureMockBackend {
  handle(request: MockHttpRequest): Promise<MockHttpResponse>;
  stats(): AzureMockStats;
  resetStats(): void;
  readonly store: StateStore<AzureMockState>;
}

/** The api-version each resource provider of the mock speaks, as the SDK clients send it. */
const API_VERSIONS: Readonly<Record<string, string>> = { dns: '2018-05-01', trafficManager: '2022-04-01' };

export function createAzureMockHandler(options: AzureMockOptions = {}): AzureMockBackend {
  const store = options.store ?? createAzureMockStore();
  const limits: AzureMockLimits = { ...DEFAULT_AZURE_LIMITS, ...options.limits };
  const faults = createFaultInjector(options.faults);
  const rates = options.rateLimits === 'documented' ? DOCUMENTED_DNS_RATE_LIMITS : options.rateLimits || undefined;
  const limiter = rates && createRateLimiter(rates, options.now ?? Date.now);
  const stats = new StatsCounter();

  async function respond(request: MockHttpRequest): Promise<MockHttpResponse> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const dns = matchDnsRoute({ method, segments });
    const route: RouteMatch | undefined = dns ?? matchTrafficManagerRoute({ method, segments });
    if (!route) {
      return armError(404, 'InvalidResourceType', `The mock has no ${method} operation for '${url.pathname}'.`);
    }
    stats.call(route.operation);
    const wanted = API_VERSIONS[dns ? 'dns' : 'trafficManager'];
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) {
      return armError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    }
    if (apiVersion !== wanted) {
      return armError(
        400,
        'NoRegisteredProviderFound',
        `The mock serves api-version '${wanted}' for this resource type, not '${apiVersion}'.`,
      );
    }
    const fault = faults.pick(route.operation, method);
    if (fault) {
      stats.fault();
      switch (fault.kind) {
        case 'throttle':
          stats.throttle();
          return throttled(route, fault.retryAfterSeconds ?? 0, 'injected fault');
        case 'status':
          return armError(fault.status, statusFaultCode(fault.status), `Injected ${fault.status} from the mock.`, {
            ...(fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {}),
          });
        case 'reset':
          throw new TransportFault('reset', 0);
        case 'timeout':
          throw new TransportFault('timeout', fault.delayMs ?? 30_000);
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
          break;
      }
    }
    if (limiter && route.rate) {
      const refused = limiter.take(route.rate.scope, route.rate.kind);
      if (refused) {
        stats.throttle();
        const message = `Number of requests for action '${route.rate.action}' exceeded the limit of '${refused.limit}' for time interval '${formatInterval(refused.windowMs)}'. Please try again after '${refused.retryAfterSeconds}' seconds.`;
        return armError(429, 'ResourceRequestsThrottled', message, {
          'retry-after': String(refused.retryAfterSeconds),
        });
      }
    }
    let body: unknown;
    if (request.body !== undefined && request.body !== '') {
      try {
        body = JSON.parse(request.body);
      } catch {
        return armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
      }
    }
    try {
      return await route.run({ store, limits, request, url, body });
    } catch (error) {
      if (error instanceof ArmError) return error.toResponse();
      throw error;
    }
  }

  return {
    store,
    async handle(request) {
      const response = await respond(request);
      if (response.status >= 400) stats.error();
      return response;
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
  };
}

function throttled(route: RouteMatch, retryAfterSeconds: number, why: string): MockHttpResponse {
  const action = route.rate?.action ?? route.operation;
  return armError(
    429,
    'ResourceRequestsThrottled',
    `Number of requests for action '${action}' exceeded the limit (${why}). Please try again after '${retryAfterSeconds}' seconds.`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}
