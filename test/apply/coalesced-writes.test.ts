import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coalescedWrites } from '../../src/apply/run.js';

/**
 * Journal saves: one write at a time, calls made while a write waits share it, and every
 * caller's change is persisted by the time its promise settles.
 */
describe('coalescedWrites', () => {
  it('persists every change by the time its caller hears back, with at most one write per burst (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 30 }), async (gaps) => {
        let state = 0;
        let persisted = -1;
        let writing = 0;
        let overlaps = 0;
        let writes = 0;
        const save = coalescedWrites(async () => {
          writing += 1;
          if (writing > 1) overlaps += 1;
          const snapshot = state; // taken when the write starts, as JSON.stringify would
          await new Promise((resolve) => setTimeout(resolve, 1));
          persisted = snapshot;
          writes += 1;
          writing -= 1;
        });
        const callers: Promise<void>[] = [];
        for (const gap of gaps) {
          state += 1;
          const mine = state;
          callers.push(save().then(() => expect(persisted).toBeGreaterThanOrEqual(mine)));
          for (let i = 0; i < gap; i++) await Promise.resolve();
        }
        await Promise.all(callers);
        expect(persisted).toBe(state);
        expect(overlaps).toBe(0);
        expect(writes).toBeLessThanOrEqual(gaps.length);
      }),
      { numRuns: 100 },
    );
  });

  it('shares one write among calls made while it waits', async () => {
    let writes = 0;
    let release: () => void = () => {};
    const save = coalescedWrites(async () => {
      writes += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const first = save(); // starts at once (after a microtask)
    await Promise.resolve();
    const burst = [save(), save(), save()]; // wait behind the first: one more write for all three
    expect(burst[0]).toBe(burst[1]);
    release();
    await first;
    await Promise.resolve();
    release();
    await Promise.all(burst);
    expect(writes).toBe(2);
  });

  it('fails every later save once a write failed, as a chain of writes would', async () => {
    let calls = 0;
    const save = coalescedWrites(async () => {
      calls += 1;
      throw new Error('disk full');
    });
    await expect(save()).rejects.toThrow('disk full');
    await expect(save()).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });
});
