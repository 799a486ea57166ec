import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { isTrafficportError, TrafficportError } from '../errors.js';
import { formatInstant } from '../policy/time.js';
import type { LeaseRecord, LeaseStore, ProviderAdapter } from '../providers/types.js';
import { compareText } from '../util/compare.js';
import { describeHolder, formatHolder, type LeaseHolder, parseHolder } from './lease-holder.js';

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
}

export const DEFAULT_LEASE_MS = 120_000;

/**
 * Runs of this process that hold or are taking leases. A lease naming this host and this process
 * but none of these runs was left by a run that is gone (a CLI process runs one command at a time).
 */
export const runsInThisProcess = new Set<string>();

interface Held {
  readonly scope: string;
  readonly store: LeaseStore;
  record: LeaseRecord;
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
  private timer: ReturnType<typeof setInterval> | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    readonly holder: LeaseHolder,
    private readonly options: LockOptions,
  ) {}

  /** Throws unless this run may write to `provider` now. */
  check(provider: string): void {
    const failed = this.failed.get(provider);
    if (failed !== undefined) throw failed;
    if (this.lost !== undefined) throw this.lost;
  }

  /** The adapter, checking the lease before every read and write of an apply. */
  guard(adapter: ProviderAdapter): ProviderAdapter {
    const check = () => this.check(adapter.id);
    return {
      id: adapter.id,
      type: adapter.type,
      capabilities: adapter.capabilities,
      ...(adapter.lease === undefined ? {} : { lease: adapter.lease }),
      geoList: () => adapter.geoList(),
      read: async (services, options) => {
        check();
        return adapter.read(services, options);
      },
      apply: async (changes, live, events) => {
        check();
        return adapter.apply(changes, live, events);
      },
      ...(adapter.swap === undefined
        ? {}
        : {
            swap: async (remove, changes, restore, events) => {
              check();
              return adapter.swap!(remove, changes, restore, events);
            },
          }),
      ...(adapter.handOver === undefined
        ? {}
        : {
            handOver: async (handOver, direction, events) => {
              check();
              return adapter.handOver!(handOver, direction, events);
            },
          }),
    };
  }

  /** Renews every held lease a third of the way to its expiry, in the background. */
  startRenewing(): void {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    this.timer = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, leaseMs / 3);
    this.timer.unref?.();
  }

  private async renew(): Promise<void> {
    const now = this.options.now();
    const text = formatHolder({ ...this.holder, expires: now + (this.options.leaseMs ?? DEFAULT_LEASE_MS) });
    for (const lease of this.held) {
      if (this.lost !== undefined) return;
      try {
        const record = await lease.store.replace(lease.record, text);
        if (record !== undefined) {
          lease.record = record;
          continue;
        }
        const now = await lease.store.read().catch(() => undefined);
        const holder = now === undefined ? undefined : parseHolder(now.text);
        this.lost = lockLost(lease.scope, holder);
      } catch {
        // A provider hiccup: the lease still runs until its expiry, and the next tick tries again.
        const expiry = parseHolder(lease.record.text)?.expires ?? 0;
        if (this.options.now() >= expiry) this.lost = lockLost(lease.scope, undefined);
      }
    }
  }

  /** Stops renewing and removes every lease still this run's. Never throws: a lease left behind expires. */
  async release(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
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
        leases.held.push({ scope, store, record });
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

function lockedError(
  scope: string,
  providers: readonly string[],
  holder: LeaseHolder | undefined,
  text: string,
): TrafficportError {
  const who =
    holder === undefined ? `a lease record trafficport cannot read ('${text.slice(0, 80)}')` : describeHolder(holder);
  const zone = (scope.split(' ').pop() ?? scope).replace(/\.$/, '');
  return new TrafficportError('APPLY.LOCKED', `${providers.join(', ')}: zone ${zone} is locked by ${who}`, {
    hint: `nothing was changed; wait and run it again (--lock-timeout 10m waits for the lease), or, if that run is dead, break its lease with \`trafficport unlock POLICY --zone ${zone}\``,
  });
}

function lockLost(scope: string, holder: LeaseHolder | undefined): TrafficportError {
  return new TrafficportError(
    'APPLY.LOCK_LOST',
    `the lease of ${scope} was lost${holder === undefined ? '' : ` to ${describeHolder(holder)}`}; stopped writing`,
    { hint: 'someone broke or took over the lease; check who, then `trafficport apply --resume POLICY`' },
  );
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '?';
  }
}
