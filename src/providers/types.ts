import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Change } from '../plan/diff.js';
import type { QuotaUsage } from '../plan/quota.js';
import type { ServiceDistributions } from '../plan/traffic.js';
import type { LiveState } from '../plan/types.js';
import type { Endpoint, Policy, Provider } from '../policy/types.js';
import type { RenderInput } from '../render/render-input.js';
import type { DesiredState, JsonValue, Resource } from '../render/types.js';

export interface ProviderCapabilities {
  readonly weights: { readonly min: number; readonly max: number };
  /** Largest change batch the provider applies atomically (Route 53: 1,000 records). */
  readonly atomicBatch: boolean;
}

export interface ReadOptions {
  /**
   * Hands back a resource the caller already holds when it is exactly the one read (see
   * plan/share.ts), so that an unchanged estate is held once, not twice. Optional: the caller
   * shares what a read returns either way; calling it while reading keeps the read's own
   * copies short-lived.
   */
  readonly reuse?: (resource: Resource) => Resource;
}

/** Progress of an apply, for the terminal UI and journals. */
export interface ApplyEvents {
  onBatch?(event: {
    readonly provider: string;
    readonly done: number;
    readonly total: number;
    readonly changes: number;
  }): void;
  onWait?(event: {
    readonly provider: string;
    readonly ms: number;
    /** `pacing`: waiting for the account's request budget before sending (nothing was refused). */
    readonly reason: 'pacing' | 'throttled' | 'propagation' | 'retry';
  }): void;
}

export interface ApplyReport {
  readonly provider: string;
  /** API calls made (writes and the reads they needed), for the publishing benchmark. */
  readonly calls: number;
  readonly batches: number;
  readonly changes: number;
}

/**
 * One interface for every DNS provider. Adapters convert SDK errors into TrafficportErrors at
 * this boundary (codes like `PROVIDER.THROTTLED`, `PROVIDER.CONFLICT`), so nothing upstream
 * parses messages. Only owned resources are ever written or deleted.
 */
export interface ProviderAdapter {
  readonly id: string;
  readonly type: 'route53' | 'azure';
  readonly capabilities: ProviderCapabilities;
  /**
   * The locations the provider can target, as it lists them (Route 53 ListGeoLocations, the
   * Traffic Manager geographic hierarchy); read once per run and rendered against.
   */
  geoList(): Promise<GeoList>;
  /** Reads the live state of the given services' names. */
  read(services: readonly string[], options?: ReadOptions): Promise<LiveState>;
  /**
   * The zone's record quota and how much of it is used, where the provider's API reports it
   * (Route 53 GetHostedZoneLimit), for the preflight.
   */
  recordQuota?(): Promise<RecordQuota>;
  /**
   * Everything published at the services' names, owned or not, with what it points to (Azure:
   * the Traffic Manager profiles), in canonical form, for `import`. Absent where `read`'s
   * foreign records already carry their bodies (Route 53). `'zone'`: every record set of the zone
   * (what else points at a profile, for `adopt`).
   */
  readPublished?(services: readonly string[] | 'zone'): Promise<Resource[]>;
  /** Other tools' health checks by id, as the provider returns their settings (Route 53 GetHealthCheck), for `import`. */
  readHealthChecks?(ids: readonly string[]): Promise<ReadonlyMap<string, JsonValue>>;
  /**
   * What the provider's own monitoring says of the endpoints it checks for trafficport (Route 53:
   * GetHealthCheckStatus of the owned checks; Traffic Manager: `endpointMonitorStatus` in the owned
   * profiles): endpoint id → healthy. Endpoints it does not check are absent.
   */
  health?(endpoints: readonly Endpoint[]): Promise<ReadonlyMap<string, boolean>>;
  /** Applies changes in an order that keeps every geography on its old or its new split. */
  apply(changes: readonly Change[], live: LiveState, events?: ApplyEvents): Promise<ApplyReport>;
  /**
   * Takes over foreign records (`adopt`) or gives them back (rolling an adoption back): deletes
   * `remove` and creates `restore` (foreign bodies exactly as read) with the owned `changes`, in
   * one atomic step. Absent where the provider cannot do that atomically.
   */
  swap?(
    remove: readonly JsonValue[],
    changes: readonly Change[],
    restore: readonly JsonValue[],
    events?: ApplyEvents,
  ): Promise<ApplyReport>;
  /**
   * Takes over foreign records where no atomic write spans them (Azure), or gives them back, in an
   * order that keeps every geography answered: see HandOver. Converges from whatever state an
   * interrupted earlier call left, so calling it again finishes the job; refuses (PROVIDER.CONFLICT)
   * anything found neither as read nor as written.
   */
  handOver?(handOver: HandOver, direction: 'take' | 'give-back', events?: ApplyEvents): Promise<ApplyReport>;
  /** The zone's lease record, which every writer holds while it writes (docs/locking.md). */
  readonly lease?: LeaseStore;
}

/**
 * A takeover in ordered steps (Azure). Taking: `create` (trafficport's resources the switched
 * record set points at, written children first), then the one conditional write of `switch`
 * (before → after), then `remove` (the foreign resources it pointed at, in the order given:
 * parents before what they nest). Giving back runs the mirror image: `remove` recreated children
 * first, the switch undone, trafficport's resources of the service deleted. Resources are in
 * canonical form, the foreign ones exactly as read.
 */
export interface HandOver {
  readonly service: string;
  readonly switch: { readonly before: Resource; readonly after: Resource };
  readonly create: readonly Resource[];
  readonly remove: readonly Resource[];
}

/** The lease record as read: its text, and what a conditional write must name to replace it. */
export interface LeaseRecord {
  readonly text: string;
  /** Route 53: the TTL and value the exact-match DELETE names; Azure: the record set's ETag. */
  readonly version: string;
}

/**
 * The one reserved record of a zone that says who is writing it (`_trafficport-lock.<zone>`,
 * TXT). Every write is atomic at the provider: create only if absent, replace or remove only if
 * unchanged since read. Undefined or false means someone else got there first; provider failures
 * throw.
 */
export interface LeaseStore {
  /** Where the zone lives, the same for every machine that reaches it (orders and names leases). */
  readonly scope: string;
  read(): Promise<LeaseRecord | undefined>;
  /** The record written, or undefined when one exists already. */
  create(text: string): Promise<LeaseRecord | undefined>;
  /** The record written, or undefined when `previous` is no longer what is there. */
  replace(previous: LeaseRecord, text: string): Promise<LeaseRecord | undefined>;
  remove(previous: LeaseRecord): Promise<boolean>;
}

/** A zone's record quota as the provider reports it. */
export interface RecordQuota {
  readonly limit: number;
  /** Records (record sets) the zone holds now, whoever owns them. */
  readonly count: number;
  /** Where the figures come from, for messages (`GetHostedZoneLimit MAX_RRSETS_BY_ZONE`). */
  readonly source: string;
}

/** What the preflight gets besides the changes and the live state. */
export interface PreflightContext {
  readonly recordQuota?: RecordQuota;
}

/** Renders the splits for one provider: pure, implemented per provider type. */
export type Renderer = (input: import('../render/render-input.js').RenderInput) => DesiredState;

export interface AdapterOptions {
  /** Directory of the mock backends' state files (backend: mock). */
  readonly mockStateDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --send-credentials-to-endpoint: real credentials may go to an endpoint override. */
  readonly sendCredentialsToEndpoint?: boolean;
  /**
   * Waits before retries outside an apply's own progress (reads, plan): the command shows them,
   * so a struggling provider is never silent. Apply's progress takes them while it writes.
   */
  readonly onWait?: ApplyEvents['onWait'];
}

/** Everything trafficport needs to publish through one provider type. */
export interface ProviderKit {
  render(input: RenderInput): DesiredState;
  createAdapter(provider: Provider, options: AdapterOptions): Promise<ProviderAdapter>;
  /**
   * What resolvers would answer, from owned resources (live or desired), per service and plan
   * geography (`*`, countries, US states): endpoint id → fraction of answers. `geoList` is the
   * provider's geography list (what a location falls back to); default: the documented one.
   * `down`: endpoint ids whose health checks fail; the answer is then what the provider's own
   * failover gives (docs/failover.md); absent: every endpoint healthy.
   */
  evaluate(
    resources: readonly Resource[],
    policy: Policy,
    provider: Provider,
    geoList?: GeoList,
    /** The record type resolvers ask for; default: the service's first (A, else AAAA, else CNAME). */
    type?: string,
    /** Endpoints whose health checks fail: resolvers skip them as the provider would. */
    down?: ReadonlySet<string>,
  ): ServiceDistributions;
  /** Whether an endpoint can be among the answers of a record type here (verify renormalizes the plan over these). */
  answersWith(endpoint: Endpoint, type: string): boolean;
  /** Largest deviation from the plan that integer weights can explain, as a fraction. */
  readonly tolerance: number;
  /**
   * Throws (a TrafficportError) for anything the provider would refuse in `changes` that can be
   * known before writing, so `plan` finds it, not the middle of an apply.
   */
  preflight?(provider: Provider, changes: readonly Change[], live: LiveState, context?: PreflightContext): void;
  /** What the provider draws from a quota shared with others of the plan, if any (checked across providers). */
  quotaUsage?(provider: Provider, desired: DesiredState, live: LiveState): QuotaUsage | undefined;
}
