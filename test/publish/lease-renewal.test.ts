import { describe, expect, it } from 'vitest';
import type { LeaseRecord, LeaseStore } from '../../src/providers/types.js';
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

/** Waits (without asserting how long) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done()).toBe(true);
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

    // Broken (unlock) and taken by another run: the next renewal finds it gone, and writes stop.
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
