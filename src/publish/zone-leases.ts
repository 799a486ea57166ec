import { TrafficportError } from '../errors.js';
import type { CliIo } from '../io/io.js';
import { parseDuration } from '../policy/duration.js';
import type { Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import { acquireLeases, type LeaseTarget, type ZoneLeases } from './lock.js';
import { adapterOptions, type Prepared } from './prepare.js';

export interface LockFlags {
  readonly stateDir?: string;
  readonly sendCredentialsToEndpoint?: boolean;
  /** `--lock-timeout`: how long to wait for a lease another run holds (default: not at all). */
  readonly lockTimeout?: string;
}

/**
 * Takes the zone leases of `providers` before anything is read for a plan, so what is planned is
 * what this run alone changes. Adapters of their own: a lease outlives the reads and writes.
 */
export async function lockProviders(
  providers: readonly Provider[],
  flags: LockFlags,
  io: CliIo,
  command: string,
): Promise<ZoneLeases> {
  const options = adapterOptions(io, flags);
  const targets: LeaseTarget[] = [];
  for (const provider of providers) {
    const adapter = await (await loadProviderKit(provider.type)).createAdapter(provider, options);
    if (adapter.lease !== undefined) targets.push({ provider: provider.id, store: adapter.lease });
  }
  return acquireLeases(targets, { command, now: () => io.now(), timeoutMs: lockTimeoutMs(flags.lockTimeout) });
}

export function lockTimeoutMs(text: string | undefined): number {
  if (text === undefined) return 0;
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    throw new TrafficportError('USAGE.BAD_DURATION', `--lock-timeout '${text}' is not a duration`, {
      hint: 'write it like 90s, 20m or 1h30m',
    });
  }
  return seconds * 1000;
}

/**
 * The prepared apply with every adapter checking the lease before it reads or writes, and the
 * providers whose lease could not be taken (a provider failure) moved to the unreachable ones:
 * journaled, not written.
 */
export function guardPrepared(prepared: Prepared, leases: ZoneLeases): Prepared {
  const failed = prepared.targets.filter((t) => leases.failed.has(t.provider.id));
  return {
    ...prepared,
    targets: prepared.targets
      .filter((t) => !leases.failed.has(t.provider.id))
      .map((t) => ({ ...t, adapter: leases.guard(t.adapter) })),
    unreachable: [
      ...prepared.unreachable,
      ...failed.map((t) => ({
        provider: t.provider,
        adapter: t.adapter,
        desired: t.desired,
        error: leases.failed.get(t.provider.id)!,
      })),
    ],
  };
}
