import { describe, expect, it } from 'vitest';
import type { LeaseRecord, LeaseStore, ProviderAdapter } from '../../src/providers/types.js';
import { formatHolder, parseHolder } from '../../src/publish/lease-holder.js';
import { acquireLeases, runsInThisProcess } from '../../src/publish/lock.js';

/** A lease record held in memory, with the providers' conditional writes (tested against the mocks elsewhere). */
function memoryLease(scope: string): LeaseStore & { record: LeaseRecord | undefined } {
  let version = 0;
  const store = {
    scope,
    record: undefined as LeaseRecord | undefined,
    read: async () => store.record,
    create: async (text: string) => {
      if (store.record !== undefined) return undefined;
      store.record = { text, version: String(++version) };
      return store.record;
    },
    replace: async (previous: LeaseRecord, text: string) => {
      if (store.record?.version !== previous.version) return undefined;
      store.record = { text, version: String(++version) };
      return store.record;
    },
    remove: async (previous: LeaseRecord) => {
      if (store.record?.version !== previous.version) return false;
      store.record = undefined;
      return true;
    },
  };
  return store;
}

/**
 * Waits until `done` holds, however long a loaded machine takes: the renewal runs on real timers
 * here, and the suite's hang guard (vitest.config.ts) ends a wait that never comes true.
 */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('lease renewal', () => {
  it('renews before expiry, and stops every write once someone else took the lease', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const store = memoryLease('route53 example.com.');
    const leases = await acquireLeases([{ provider: 'r53', store }], {
      command: 'apply',
      now: () => now,
      timeoutMs: 0,
      leaseMs: 60,
    });
    const first = parseHolder(store.record!.text)!;
    expect(first.run).toBe(leases.holder.run);
    expect(runsInThisProcess.has(leases.holder.run)).toBe(true);
    now += 30_000;
    await until(() => parseHolder(store.record!.text)!.expires > first.expires);
    expect(parseHolder(store.record!.text)!.run).toBe(first.run);
    expect(() => leases.check('r53')).not.toThrow();

    // Broken (unlock) and taken by another run: the next renewal due finds it gone, and writes stop.
    now += 30_000;
    store.record = { text: formatHolder({ ...first, run: 'someone-else', host: 'ci-9' }), version: 'other' };
    await until(() => {
      try {
        leases.check('r53');
        return false;
      } catch (error) {
        return (error as { code?: string }).code === 'APPLY.LOCK_LOST';
      }
    });
    await leases.release();
    // The other run's lease is left alone.
    expect(parseHolder(store.record!.text)!.run).toBe('someone-else');
    expect(runsInThisProcess.has(leases.holder.run)).toBe(false);
  });
});

/** Replace calls held until released by hand, counted (with every store sharing `counts`) to see how many are under way at once. */
interface Counts {
  open: number;
  most: number;
  calls: number;
  readonly waiting: (() => void)[];
}
const counts = (): Counts => ({ open: 0, most: 0, calls: 0, waiting: [] });
const release = (c: Counts) => {
  for (const go of c.waiting.splice(0)) go();
};

function gated(store: LeaseStore, c: Counts): LeaseStore {
  return {
    scope: store.scope,
    read: () => store.read(),
    create: (text) => store.create(text),
    remove: (previous) => store.remove(previous),
    replace: async (previous, text) => {
      c.calls++;
      c.open++;
      c.most = Math.max(c.most, c.open);
      await new Promise<void>((resolve) => c.waiting.push(resolve));
      c.open--;
      return store.replace(previous, text);
    },
  };
}

/** Lets in-memory promises settle (no I/O is involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('lease renewal rounds (injected clock and ticks)', () => {
  const T0 = Date.parse('2026-12-01T00:00:00Z');
  const LEASE = 120_000;

  it('renews only the leases due, several at once, and a tick during a round starts none', async () => {
    let now = T0;
    let tick = () => {};
    const stores = Array.from({ length: 10 }, (_, i) => memoryLease(`route53 z${String(i).padStart(2, '0')}.`));
    const shared = counts();
    const targets = stores.map((store, i) => ({ provider: `r53-${i}`, store: gated(store, shared) }));
    const leases = await acquireLeases(targets, {
      command: 'apply',
      now: () => now,
      timeoutMs: 0,
      leaseMs: LEASE,
      renewalsAtOnce: 4,
      every: (t) => {
        tick = t;
        return () => {};
      },
    });
    // Before a third of the lease has passed nothing is due: a round writes nothing.
    now = T0 + LEASE / 3 - 1;
    tick();
    await settle();
    expect(shared.calls).toBe(0);

    now = T0 + LEASE / 3;
    tick();
    // A tick while the round waits on the provider starts no second round.
    tick();
    tick();
    for (let i = 0; i < 50 && (shared.calls < 10 || shared.open > 0); i++) {
      await settle();
      release(shared);
    }
    await settle();
    expect(shared.calls).toBe(10);
    expect(shared.most).toBe(4);
    for (const store of stores) expect(parseHolder(store.record!.text)!.expires).toBe(T0 + LEASE / 3 + LEASE);

    // Renewed just now: the next tick finds nothing due.
    tick();
    await settle();
    expect(shared.calls).toBe(10);
    await leases.release();
  });

  it('proves a lease near its expiry before a read goes out, and refuses it once taken over', async () => {
    let now = T0;
    const memory = memoryLease('route53 example.com.');
    const c = counts();
    const store = gated(memory, c);
    const leases = await acquireLeases([{ provider: 'r53', store }], {
      command: 'apply',
      now: () => now,
      timeoutMs: 0,
      leaseMs: LEASE,
      every: () => () => {},
    });
    const reads: number[] = [];
    const adapter = leases.guard({
      id: 'r53',
      type: 'route53',
      capabilities: {},
      geoList: () => {
        throw new Error('unused');
      },
      read: async () => {
        reads.push(now);
        return { resources: [] };
      },
    } as unknown as ProviderAdapter);

    // Far from expiry: the read goes out with no renewal.
    await adapter.read([]);
    expect(c.calls).toBe(0);

    // The renewals fell behind (no tick ran): within a sixth of the expiry, the read waits for one.
    now = T0 + LEASE - LEASE / 6;
    const read = adapter.read([]);
    await until(() => c.calls === 1);
    expect(reads).toHaveLength(1);
    release(c);
    await read;
    expect(reads).toHaveLength(2);
    expect(parseHolder(memory.record!.text)!.expires).toBe(now + LEASE);

    // Past its expiry someone else took it: the renewal fails, and the read never goes out.
    now += LEASE;
    memory.record = { text: formatHolder({ ...parseHolder(memory.record!.text)!, run: 'someone-else' }), version: 'x' };
    const refused = adapter.read([]).catch((error: { code?: string }) => error.code);
    await until(() => c.calls === 2);
    release(c);
    expect(await refused).toBe('APPLY.LOCK_LOST');
    expect(reads).toHaveLength(2);
    await leases.release();
  });
});
