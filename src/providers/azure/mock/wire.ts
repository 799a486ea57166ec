import type { StateStore } from '../../mock/state-store.js';
import type { TrafficManagerRateClass } from '../tm-limits.js';
import type { AzureMockState } from './state.js';

/** One HTTP request as the mock sees it, whichever transport carried it. */
export interface MockHttpRequest {
  readonly method: string;
  /** Absolute URL (`https://management.mock/subscriptions/...?api-version=...`). */
  readonly url: string;
  /** Header names in any case; the handler compares them case-insensitively. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface MockHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Limits the mock enforces; the defaults are Azure's documented values. */
export interface AzureMockLimits {
  readonly recordSetsPerZone: number;
  readonly recordsPerRecordSet: number;
  readonly endpointsPerProfile: number;
  /** Nesting depth of Traffic Manager profiles (Azure documents 10 levels). */
  readonly nestingDepth: number;
  /** Page size of list operations when the caller sends no `$top`. */
  readonly defaultPageSize: number;
  /**
   * Whether an A/AAAA alias may point at a profile whose external endpoints are reached through
   * nested profiles. Azure refuses it (docs "Azure DNS alias records overview"; MicrosoftDocs/
   * azure-docs #32911, #68893; octodns/octodns #730), so the default is `false`. `true` is the
   * lenient reading earlier versions of this mock took, kept to reproduce the states they accepted.
   */
  readonly aliasThroughNestedProfiles: boolean;
  /** Traffic Manager profiles per subscription ("Traffic Manager limits": 200, raisable through support). */
  readonly profilesPerSubscription: number;
  /**
   * The `dnsConfig.ttl` a profile gets when a PUT leaves it out. Azure documents no default, so by
   * default (undefined) the mock takes the stricter reading and refuses the PUT; a number accepts it.
   */
  readonly profileTtlDefault: number | undefined;
  /**
   * Whether a profile that another profile nests (a `nestedEndpoints` endpoint targets it) may be
   * deleted. Azure documents neither answer (REST spec 2022-04-01 `Profiles_Delete` lists only 200
   * and 204; "Nested Traffic Manager profiles" says nothing of deletion), so by default (`false`)
   * the mock takes the stricter reading and refuses with 409 `Conflict`: the parent would be left
   * nesting nothing. Deleting parents first satisfies both readings.
   */
  readonly deleteNestedProfiles: boolean;
}

export const DEFAULT_AZURE_LIMITS: AzureMockLimits = {
  recordSetsPerZone: 10_000,
  recordsPerRecordSet: 20,
  endpointsPerProfile: 200,
  nestingDepth: 10,
  defaultPageSize: 100,
  aliasThroughNestedProfiles: false,
  profilesPerSubscription: 200,
  profileTtlDefault: undefined,
  deleteNestedProfiles: false,
};

/** What a matched route needs to run. */
export interface RouteContext {
  readonly store: StateStore<AzureMockState>;
  readonly limits: AzureMockLimits;
  readonly request: MockHttpRequest;
  readonly url: URL;
  /** Parsed JSON body, `undefined` when there is none. */
  readonly body: unknown;
}

export type DnsRateClass = 'write' | 'get' | 'list';
/** Traffic Manager's documented budgets, per subscription (tm-limits.ts). */
export type { TrafficManagerRateClass } from '../tm-limits.js';
export type RateClass = DnsRateClass | TrafficManagerRateClass;

export function isTrafficManagerClass(kind: RateClass): kind is TrafficManagerRateClass {
  return kind !== 'write' && kind !== 'get' && kind !== 'list';
}

/** A request the routes recognised: its REST operation id, rate-limit bucket and the work to do. */
export interface RouteMatch {
  /** The operationId of the Azure REST spec, e.g. `RecordSets_CreateOrUpdate`. */
  readonly operation: string;
  /** Rate-limit bucket (e.g. the zone); absent for operations the mock does not throttle. */
  readonly rate?: { readonly scope: string; readonly kind: RateClass; readonly action: string };
  readonly run: (context: RouteContext) => Promise<MockHttpResponse>;
}

/** Path segments after decoding, plus the method; routes match on these. */
export interface ParsedPath {
  readonly method: string;
  readonly segments: readonly string[];
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function empty(status: number): MockHttpResponse {
  return { status, headers: {}, body: '' };
}

/** The ARM error envelope; the SDK copies `error.code` and `error.message` onto its RestError. */
export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return json(status, { error: { code, message } }, headers);
}

/** Thrown inside a route's store update to abort the change and answer with an ARM error. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArmError';
  }

  toResponse(): MockHttpResponse {
    return armError(this.status, this.code, this.message);
  }
}

export function badRequest(message: string): ArmError {
  return new ArmError(400, 'BadRequest', message);
}

export function header(request: MockHttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringRecord(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw badRequest(`The value of '${field}' must be a map of strings.`);
  }
  return value as Record<string, string>;
}

/** Lists page through `$skipToken` (an offset here), as ARM lists page through `nextLink`. */
export function page<T>(
  items: readonly T[],
  url: URL,
  defaultSize: number,
): { readonly value: readonly T[]; readonly nextLink?: string } {
  const top = Number(url.searchParams.get('$top') ?? defaultSize);
  const size = Number.isInteger(top) && top > 0 ? top : defaultSize;
  const offset = Number(url.searchParams.get('$skipToken') ?? 0) || 0;
  const value = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { value };
  const next = new URL(url.href);
  next.searchParams.set('$top', String(size));
  next.searchParams.set('$skipToken', String(offset + size));
  return { value, nextLink: next.href };
}
