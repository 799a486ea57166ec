import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { isTrafficportError, type TrafficportError } from '../errors.js';
import { formatInstant } from '../policy/time.js';
import type { LeaseRecord, LeaseStore, ProviderAdapter } from '../providers/types.js';
import { compareText } from '../util/compare.js';
import { eachAtOnce, repeat } from '../util/schedule.js';
import { lockedError, lockLost } from './lease-errors.js';
import { formatHolder, type LeaseHolder, parseHolder } from './lease-holder.js';

/** A provider to lock, and its zone's lease record. */
export interface LeaseTarget {
  readonly provider: string;
  readonly store: LeaseStore;
}

export interface LockOptions {
  /** The command taking the leases (`apply`, `rollback`, `apply --resume`), for whoever finds them. */
  readonly command: string;
  /** The clock the lease's since and expiry are read from. */
  readonly now: () => number;
  /** How long to wait for a lease someone else holds (`--lock-timeout`); 0 fails at once. */
  readonly timeoutMs: number;
  /** How long a lease lasts unless renewed (default 2 minutes; renewed every third of it). */
  readonly leaseMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where waiting is measured (default: a monotonic clock, so a fixed `now` cannot wait forever). */
  readonly elapsed?: () => number;
  /** Calls `tick` every `ms` until stopped (default: an unref'd `setInterval`); tests drive it by hand. */
  readonly every?: (tick: () => void, ms: number) => () => void;
  /** How many leases one renewal round writes at once (default RENEWALS_AT_ONCE). */
  readonly renewalsAtOnce?: number;
}

export const DEFAULT_LEASE_MS = 120_000;
/**
 * Leases renewed at once in a round: 100 zones in 25 round trips rather than 100, so the last
 * zone's renewal is not a hundred requests behind the first; the requests themselves are paced by
 * the provider's client (Route 53's per-account pacer) with the run's own.
 */
export const RENEWALS_AT_ONCE = 4;

/**
 * Runs of this process that hold or are taking leases. A lease naming this host and this process
 * but none of these runs was left by a run that is gone (a CLI process runs one command at a time).
 */
export const runsInThisProcess = new Set<string>();

interface Held {
  readonly scope: string;
  readonly store: LeaseStore;
  /** The providers writing this zone, whose reads and writes stop when the lease runs out. */
  readonly providers: readonly string[];
  record: LeaseRecord;
  /** Until when the record last written holds the lease (ms since the epoch). */
  expires: number;
  /** The renewal under way, if any. */
  renewal?: Promise<void> | undefined;
}

/**
 * The leases of one run over the zones it writes (docs/locking.md). Taken in scope order, so two
 * runs wanting overlapping zones never wait for each other in a cycle; renewed in the background
 * while held; released at the end. A provider whose lease could not be taken for a provider
 * failure is not written (`check` throws that failure); a lease lost to someone who broke it
 * stops every further write.
 */
export class ZoneLeases {
  readonly held: Held[] = [];
  readonly failed = new Map<string, TrafficportError>();
  private lost: TrafficportError | undefined;
  private stop: (() => void) | undefined;
  private round: Promise<void> | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    readonly holder: LeaseHolder,
    private readonly options: LockOptions,
  ) {}

  /** Throws unless this run may write to `provider` now (its lease was taken, and none was lost). */
  check(provider: string): void {
    const failed = this.failed.get(provider);
    if (failed !== undefined) throw failed;
    if (this.lost !== undefined) throw this.lost;
  }

  /**
   * `check`, and first, for a zone whose lease is within a sixth of its time of running out (its
   * renewals failing or late: a slow provider, a long computation holding the event loop), a
   * renewal that proves the lease is still this run's: no read or write goes out on a lease that
   * may have passed to someone else.
   */
  async ready(provider: string): Promise<void> {
    this.check(provider);
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    for (const lease of this.held) {
      if (lease.providers.includes(provider) && this.options.now() >= lease.expires - leaseMs / 6)
        await this.renewOne(lease, leaseMs);
    }
    this.check(provider);
  }

  /** The adapter, checking the lease before every read and write of an apply. */
  guard(adapter: ProviderAdapter): ProviderAdapter {
    const check = () => this.ready(adapter.id);
    return {
      id: adapter.id,
      type: adapter.type,
      capabilities: adapter.capabilities,
      ...(adapter.lease === undefined ? {} : { lease: adapter.lease }),
      geoList: () => adapter.geoList(),
      read: async (services, options) => {
        await check();
        return adapter.read(services, options);
      },
      apply: async (changes, live, events) => {
        await check();
        return adapter.apply(changes, live, events);
      },
      ...(adapter.swap === undefined
        ? {}
        : {
            swap: async (remove, changes, restore, events) => {
              await check();
              return adapter.swap!(remove, changes, restore, events);
            },
          }),
      ...(adapter.handOver === undefined
        ? {}
        : {
            handOver: async (handOver, direction, events) => {
              await check();
              return adapter.handOver!(handOver, direction, events);
            },
          }),
    };
  }

  /**
   * Renews, in the background, each held lease once a third of its time has passed (renewDue).
   * A tick that finds a round still running adds none: rounds never queue up behind a slow provider.
   */
  startRenewing(): void {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    const tick = () => {
      if (this.round !== undefined) return;
      this.round = this.renewDue().finally(() => {
        this.round = undefined;
      });
      this.renewing = this.round;
    };
    const every = this.options.every ?? repeat;
    // A sixth of the lease: a lease falls due at most that long after its third, and leases that
    // fell due apart are renewed apart.
    this.stop = every(tick, leaseMs / 6);
  }

  /**
   * One renewal round: every lease due (a third of its time passed) is rewritten with a new
   * expiry, up to `renewalsAtOnce` at a time (the provider's client paces them within its request
   * budget, with the run's own requests). A lease found taken by someone else stops every write; a
   * provider failure leaves it to the next round, unless the lease has run out meanwhile.
   */
  async renewDue(): Promise<void> {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    const due = this.held.filter((lease) => this.options.now() >= lease.expires - (leaseMs * 2) / 3);
    await eachAtOnce(due, this.options.renewalsAtOnce ?? RENEWALS_AT_ONCE, (lease) => this.renewOne(lease, leaseMs));
  }

  /** Renews one lease; a renewal of it already under way is joined, never doubled (both would name its old record). */
  private renewOne(lease: Held, leaseMs: number): Promise<void> {
    lease.renewal ??= this.replaceLease(lease, leaseMs).finally(() => {
      lease.renewal = undefined;
    });
    return lease.renewal;
  }

  private async replaceLease(lease: Held, leaseMs: number): Promise<void> {
    if (this.lost !== undefined) return;
    const expires = this.options.now() + leaseMs;
    try {
      const record = await lease.store.replace(lease.record, formatHolder({ ...this.holder, expires }));
      if (record !== undefined) {
        lease.record = record;
        lease.expires = expires;
        return;
      }
      const now = await lease.store.read().catch(() => undefined);
      const holder = now === undefined ? undefined : parseHolder(now.text);
      this.lost ??= lockLost(lease.scope, holder);
    } catch {
      // A provider hiccup: the lease still runs until its expiry, and the next round tries again.
      if (this.options.now() >= lease.expires) this.lost ??= lockLost(lease.scope, undefined);
    }
  }

  /** Stops renewing and removes every lease still this run's. Never throws: a lease left behind expires. */
  async release(): Promise<void> {
    this.stop?.();
    await this.renewing.catch(() => undefined);
    for (const lease of [...this.held].reverse()) {
      await lease.store.remove(lease.record).catch(() => false);
    }
    this.held.length = 0;
    runsInThisProcess.delete(this.holder.run);
  }
}

/** This machine, this process, this user: who a lease taken now names. */
export function newHolder(command: string, now: number, leaseMs = DEFAULT_LEASE_MS): LeaseHolder {
  return {
    run: `${formatInstant(now).replace(/[-:]/g, '')}-${randomBytes(3).toString('hex')}`,
    command,
    host: hostname(),
    pid: process.pid,
    user: currentUser(),
    since: now,
    expires: now + leaseMs,
  };
}

/**
 * Takes the lease of every target's zone, in scope order, each once however many providers share
 * it. A lease held by someone else is waited for up to the timeout, then refused with APPLY.LOCKED
 * naming the holder (and every lease taken so far is released). An expired lease, or one whose
 * holder is a process of this host that no longer exists, is taken over atomically.
 */
export async function acquireLeases(targets: readonly LeaseTarget[], options: LockOptions): Promise<ZoneLeases> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leases = new ZoneLeases(newHolder(options.command, options.now(), leaseMs), options);
  runsInThisProcess.add(leases.holder.run);
  const scopes = new Map<string, { store: LeaseStore; providers: string[] }>();
  for (const target of targets) {
    const entry = scopes.get(target.store.scope) ?? { store: target.store, providers: [] };
    entry.providers.push(target.provider);
    scopes.set(target.store.scope, entry);
  }
  try {
    for (const [scope, { store, providers }] of [...scopes].sort(([a], [b]) => compareText(a, b))) {
      try {
        const record = await takeLease(store, leases.holder, options, providers);
        const expires = parseHolder(record.text)?.expires ?? options.now() + leaseMs;
        leases.held.push({ scope, store, providers, record, expires });
      } catch (error) {
        if (!isTrafficportError(error) || error.code === 'APPLY.LOCKED') throw error;
        for (const provider of providers) leases.failed.set(provider, error);
      }
    }
  } catch (error) {
    await leases.release();
    throw error;
  }
  leases.startRenewing();
  return leases;
}

async function takeLease(
  store: LeaseStore,
  holder: LeaseHolder,
  options: LockOptions,
  providers: readonly string[],
): Promise<LeaseRecord> {
  const elapsed = options.elapsed ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = elapsed();
  for (let attempt = 0; ; attempt++) {
    const now = options.now();
    const text = formatHolder({ ...holder, since: now, expires: now + (options.leaseMs ?? DEFAULT_LEASE_MS) });
    const created = await store.create(text);
    if (created !== undefined) return created;
    const existing = await store.read();
    if (existing === undefined) continue; // released between the two calls
    const other = parseHolder(existing.text);
    if (other?.run === holder.run) return existing;
    if (other !== undefined && (other.expires <= now || isDeadHere(other))) {
      const taken = await store.replace(existing, text);
      if (taken !== undefined) return taken;
      continue;
    }
    if (elapsed() - started >= options.timeoutMs) throw lockedError(store.scope, providers, other, existing.text);
    await sleep(Math.min(250 * 2 ** Math.min(attempt, 3), 2000));
  }
}

/** A holder on this machine whose process is gone (or a finished run of this very process). */
export function isDeadHere(holder: LeaseHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !runsInThisProcess.has(holder.run);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '?';
  }
}
