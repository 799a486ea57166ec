import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckCommand,
  GetHostedZoneLimitCommand,
} from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { GeoList } from '../../geo/provider-lists/geo-list.js';
import type { Change } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';
import type { Endpoint, Route53Provider } from '../../policy/types.js';
import type { JsonValue, Resource } from '../../render/types.js';
import { ROUTE53_WEIGHTS } from '../../render/weights.js';
import { compareText } from '../../util/compare.js';
import { type GeoListShare, readOncePerRun } from '../geo-list-cache.js';
import type { ApplyEvents, ApplyReport, LeaseStore, ProviderAdapter, ReadOptions, RecordQuota } from '../types.js';
import {
  type Batch,
  type BatchLimits,
  batchChanges,
  orderChanges,
  packBatches,
  ROUTE53_BATCH_LIMITS,
} from './batches.js';
import { checkOwnedChanges, findForeignConflicts, foreignConflictError } from './conflicts.js';
import { attemptsOf, batchMessages, isConflict, isSdkError, providerError, summarizeMessages } from './errors.js';
import { readGeoLocations } from './geo-locations.js';
import {
  checkFields,
  createHealthChecks,
  deleteHealthChecks,
  isHealthCheckChange,
  listHealthChecks,
  withCheckPlaceholder,
  withRealCheckIds,
} from './health-checks.js';
import { readEndpointHealth } from './health-status.js';
import { Route53Lease } from './lease.js';
import { CallMeter } from './meter.js';
import { SetSorter } from './read.js';
import { swapRequest } from './swap.js';
import { type Route53Sender, resolveZoneId } from './zone.js';
import { listSubtrees } from './zone-walk.js';

export interface Route53AdapterOptions {
  /** How often GetChange is asked while a change is PENDING. Default 2 s. */
  readonly pollIntervalMs?: number;
  /** How long a change may stay PENDING before apply gives up. Default 5 min (Route 53: < 60 s). */
  readonly propagationTimeoutMs?: number;
  readonly limits?: BatchLimits;
  /** Injectable for tests; default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Names where the geolocation list came from in plans (default `route53 ListGeoLocations`). */
  readonly geoListSource?: string;
  /** Shares the geolocation list with the run's other adapters of the same account. */
  readonly geoListShare?: GeoListShare;
  /** The account the client reaches, for the health-check quota's scope. */
  readonly account?: string;
  /** Clock for health-check CallerReference nonces; default Date.now. */
  readonly now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Route 53 behind the provider interface. Reads the subtree of each service name (one walk
 * through the zone's listing, see zone-walk.ts), writes only sets it owns (SetIdentifier
 * `tp:…`), and applies in an order that keeps every location on its old or its new split (see
 * batches.ts). The client is the real SDK client, pointed at AWS or at
 * the mock backend; only `send` is used, so tests can also hand in a fake.
 */
export class Route53Adapter implements ProviderAdapter {
  readonly type = 'route53' as const;
  readonly capabilities = { weights: ROUTE53_WEIGHTS, atomicBatch: true };
  readonly id: string;
  readonly lease: LeaseStore;
  private zone: Promise<string> | undefined;
  private geoLocations: Promise<GeoList> | undefined;

  constructor(
    readonly provider: Route53Provider,
    private readonly client: Route53Sender,
    private readonly options: Route53AdapterOptions = {},
  ) {
    this.id = provider.id;
    this.lease = new Route53Lease(client, () => this.zoneId(), provider.id, provider.zone);
  }

  /** The hosted zone id (found, or created on the mock), resolved once. */
  zoneId(meter: CallMeter = new CallMeter(this.id)): Promise<string> {
    this.zone ??= resolveZoneId(this.provider, this.client, meter).catch((error: unknown) => {
      this.zone = undefined;
      throw error;
    });
    return this.zone;
  }

  /** ListGeoLocations, every page, once per adapter (and per run when shared). */
  geoList(): Promise<GeoList> {
    const source = this.options.geoListSource ?? 'route53 ListGeoLocations';
    this.geoLocations ??= readOncePerRun(this.options.geoListShare, () =>
      readGeoLocations(this.client, new CallMeter(this.id), source),
    ).catch((error: unknown) => {
      this.geoLocations = undefined;
      throw error;
    });
    return this.geoLocations;
  }

  async read(services: readonly string[], options: ReadOptions = {}): Promise<LiveState> {
    const meter = new CallMeter(this.id);
    const zoneId = await this.zoneId(meter);
    const sorter = new SetSorter(zoneId, undefined, this.provider.zone);
    await listSubtrees(this.client, meter, zoneId, services, (sets) => sorter.add(sets));
    const { resources: sets, foreign } = sorter.sorted();
    // Checks are listed on every read, with `healthChecks` off too: an apply interrupted after
    // CreateHealthCheck (before any record named the check, or before it was tagged) leaves an
    // owned check that only its CallerReference identifies, and the plan must find it to delete it.
    const checks = await listHealthChecks(this.client, meter, this.provider.zone);
    const reuse = options.reuse ?? ((resource: Resource) => resource);
    const live: LiveState = {
      provider: this.id,
      resources: [...sets.map((set) => withCheckPlaceholder(set, checks.placeholders)), ...checks.resources]
        .map(reuse)
        .sort((a, b) => compareText(a.key, b.key)),
      foreign,
      ...checkFields(checks, this.options.account ?? `the account of provider ${this.id}`),
    };
    return live;
  }

  /** The zone's record-set quota and count (GetHostedZoneLimit MAX_RRSETS_BY_ZONE), for the preflight. */
  async recordQuota(): Promise<RecordQuota> {
    const meter = new CallMeter(this.id);
    const zoneId = await this.zoneId(meter);
    const answer = await meter.call('GetHostedZoneLimit', () =>
      this.client.send(new GetHostedZoneLimitCommand({ HostedZoneId: zoneId, Type: 'MAX_RRSETS_BY_ZONE' })),
    );
    const limit = answer.Limit?.Value;
    const count = answer.Count;
    if (limit === undefined || count === undefined) {
      throw new TrafficportError(
        'PROVIDER.BAD_RESPONSE',
        `Route 53 provider '${this.id}': GetHostedZoneLimit answered without a limit or count`,
      );
    }
    return { limit, count, source: 'GetHostedZoneLimit MAX_RRSETS_BY_ZONE' };
  }

  /** Other tools' health checks by id (GetHealthCheck), for `import`; checks that are gone are absent. */
  async readHealthChecks(ids: readonly string[]): Promise<ReadonlyMap<string, JsonValue>> {
    const meter = new CallMeter(this.id);
    const out = new Map<string, JsonValue>();
    for (const id of ids) {
      try {
        const answer = await meter.call('GetHealthCheck', () =>
          this.client.send(new GetHealthCheckCommand({ HealthCheckId: id })),
        );
        const config = answer.HealthCheck?.HealthCheckConfig;
        if (config !== undefined) out.set(id, JSON.parse(JSON.stringify(config)) as JsonValue);
      } catch (error) {
        if (isSdkError(error, 'NoSuchHealthCheck')) continue;
        throw providerError(error, this.id, 'GetHealthCheck');
      }
    }
    return out;
  }

  health(endpoints: readonly Endpoint[]): Promise<ReadonlyMap<string, boolean>> {
    return readEndpointHealth(this.client, new CallMeter(this.id), this.provider.zone, endpoints);
  }

  /**
   * Health checks are created before the records that name them and deleted after the last
   * record stops naming them, so no record ever names a missing check; an interrupted apply
   * leaves at most unused owned checks, which the next plan (or `apply --resume`) deletes.
   */
  async apply(changes: readonly Change[], live: LiveState, events: ApplyEvents = {}): Promise<ApplyReport> {
    const checkChanges = changes.filter(isHealthCheckChange);
    const recordChanges = changes.filter((change) => !isHealthCheckChange(change));
    checkOwnedChanges(recordChanges);
    const conflicts = findForeignConflicts(recordChanges, live.foreign);
    if (conflicts.length > 0) throw foreignConflictError(conflicts);
    const meter = new CallMeter(this.id, events);
    if (changes.length === 0) return { provider: this.id, calls: 0, batches: 0, changes: 0 };
    const zone = this.provider.zone;
    const ids = await createHealthChecks(this.client, meter, zone, checkChanges, live, this.nonce());
    const batches = await this.applyRecords(
      recordChanges.map((change) => withRealCheckIds(change, ids)),
      meter,
      events,
    );
    await deleteHealthChecks(this.client, meter, checkChanges, live);
    return { provider: this.id, calls: meter.calls, batches, changes: changes.length };
  }

  /** Unique per apply (Route 53 refuses a CallerReference a deleted check used); the SDK's retries reuse it. */
  private nonce(): string {
    return (this.options.now?.() ?? Date.now()).toString(36);
  }

  private async applyRecords(changes: readonly Change[], meter: CallMeter, events: ApplyEvents): Promise<number> {
    if (changes.length === 0) return 0;
    const zoneId = await this.zoneId(meter);
    const limits = this.options.limits ?? ROUTE53_BATCH_LIMITS;
    const batches = packBatches(orderChanges(changes, zoneId, limits), limits);
    for (const [index, batch] of batches.entries()) {
      const pending = await this.applyBatch(zoneId, batch, { index, total: batches.length }, meter);
      if (pending !== undefined) await this.waitInSync(pending, meter, events);
      events.onBatch?.({ provider: this.id, done: index + 1, total: batches.length, changes: batch.planChanges });
    }
    return batches.length;
  }

  private async applyBatch(
    zoneId: string,
    batch: Batch,
    position: { index: number; total: number },
    meter: CallMeter,
  ): Promise<string | undefined> {
    const comment = `trafficport ${this.id}: batch ${position.index + 1} of ${position.total}`;
    try {
      const response = await meter.call('ChangeResourceRecordSets', () =>
        this.client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zoneId,
            ChangeBatch: { Comment: comment, Changes: batchChanges(batch) },
          }),
        ),
      );
      const info = response.ChangeInfo;
      return info?.Status === 'INSYNC' ? undefined : info?.Id;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (!isConflict(cause)) throw error;
      const applied = `${position.index} of ${position.total} requests had been applied (each location is on its old or new split)`;
      const said = `Route 53 said: ${summarizeMessages(batchMessages(cause))}`;
      // The SDK resends a request whose answer it never got (a reset connection). If the first
      // attempt had landed, Route 53 refuses the repeat as stale: most likely the apply's own write.
      if (attemptsOf(cause) > 1) {
        throw new TrafficportError(
          'PROVIDER.CONFLICT',
          'a resent request was refused as stale: its first attempt most likely landed and only the answer was lost',
          { hint: `${applied}; \`apply --resume\` re-reads the records and finishes. ${said}`, cause },
        );
      }
      throw new TrafficportError(
        'PROVIDER.CONFLICT',
        `records changed since they were read (${said}); run plan again`,
        {
          hint: `${applied}; if the change was this apply's own (a write whose answer was lost), \`apply --resume\` finishes it`,
          cause,
        },
      );
    }
  }

  /**
   * Replaces foreign sets with owned changes (or back) in one atomic request (see swap.ts), and
   * waits until Route 53 has it everywhere.
   */
  async swap(
    remove: readonly JsonValue[],
    changes: readonly Change[],
    restore: readonly JsonValue[],
    events: ApplyEvents = {},
  ): Promise<ApplyReport> {
    checkOwnedChanges(changes);
    const meter = new CallMeter(this.id, events);
    const zoneId = await this.zoneId(meter);
    const request = swapRequest(remove, changes, restore, zoneId, this.options.limits ?? ROUTE53_BATCH_LIMITS);
    const response = await meter.call('ChangeResourceRecordSets', () =>
      this.client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Comment: `trafficport ${this.id}: adopt`, Changes: request },
        }),
      ),
    );
    const info = response.ChangeInfo;
    if (info?.Status !== 'INSYNC' && info?.Id !== undefined) await this.waitInSync(info.Id, meter, events);
    events.onBatch?.({ provider: this.id, done: 1, total: 1, changes: request.length });
    return { provider: this.id, calls: meter.calls, batches: 1, changes: request.length };
  }

  /** Later batches may point at what this one wrote, so every server must have it first. */
  private async waitInSync(id: string, meter: CallMeter, events: ApplyEvents): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 2000;
    const timeout = this.options.propagationTimeoutMs ?? 300_000;
    const sleep = this.options.sleep ?? defaultSleep;
    for (let waited = 0; waited < timeout; waited += interval) {
      events.onWait?.({ provider: this.id, ms: interval, reason: 'propagation' });
      await sleep(interval);
      const status = await meter.call('GetChange', () => this.client.send(new GetChangeCommand({ Id: id })));
      if (status.ChangeInfo?.Status === 'INSYNC') return;
    }
    throw new TrafficportError(
      'PROVIDER.PROPAGATION_TIMEOUT',
      `change ${id} was not in sync after ${timeout / 1000} s`,
      {
        hint: 'Route 53 is slow to propagate; the change itself was accepted — run plan again later to continue',
      },
    );
  }
}
