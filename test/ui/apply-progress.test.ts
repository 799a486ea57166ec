import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyProgress } from '../../src/ui/ink/apply-progress.js';
import {
  type ApplyProgressState,
  initialProgress,
  type ProgressEvent,
  reduceProgress,
} from '../../src/ui/ink/apply-state.js';

afterEach(() => cleanup());

const T0 = Date.parse('2026-12-01T00:00:00Z');

function replay(events: readonly ProgressEvent[], providers = ['r53', 'azdns']): ApplyProgressState {
  return events.reduce((state, event) => reduceProgress(state, event, T0), initialProgress(providers));
}

const ramp: ProgressEvent[] = [
  { type: 'step', provider: 'r53', step: 1, steps: 3 },
  { type: 'batch', provider: 'r53', done: 1, total: 2, changes: 100 },
  { type: 'batch', provider: 'r53', done: 2, total: 2, changes: 31 },
  { type: 'step-wait', provider: 'r53', seconds: 60 },
  { type: 'step', provider: 'azdns', step: 1, steps: 1 },
  { type: 'batch', provider: 'azdns', done: 3, total: 7, changes: 3 },
  { type: 'wait', provider: 'azdns', ms: 2500, reason: 'throttled' },
];

describe('reduceProgress', () => {
  it('tracks steps, batches and waits per provider, and logs finished work in order', () => {
    const state = replay(ramp);
    const [r53, azdns] = state.providers;
    expect(r53).toMatchObject({ phase: 'waiting', step: 1, steps: 3, batchesDone: 2, changes: 131 });
    expect(r53?.wait).toEqual({ reason: 'ttl', until: T0 + 60_000 });
    expect(azdns).toMatchObject({ phase: 'waiting', batchesDone: 3, batchesTotal: 7, waitedMs: 2500 });
    expect(state.log.map((l) => l.text)).toEqual([
      'r53 step 1/3: batch 1/2 published (100 changes)',
      'r53 step 1/3: batch 2/2 published (31 changes)',
      'r53: step 1/3 published; waiting 60s (one TTL) before step 2',
      'azdns: batch 3/7 published (3 changes)',
    ]);
  });

  it('a new event ends the wait in progress', () => {
    const state = replay([...ramp, { type: 'batch', provider: 'azdns', done: 4, total: 7, changes: 1 }]);
    expect(state.providers[1]?.wait).toBeUndefined();
    expect(state.providers[1]?.phase).toBe('applying');
  });

  it('finishing marks every provider done or failed and says so once', () => {
    const state = replay([...ramp, { type: 'finish', failed: ['azdns'] }]);
    expect(state.providers.map((p) => p.phase)).toEqual(['done', 'failed']);
    expect(state.log.slice(-2).map((l) => [l.kind, l.text])).toEqual([
      ['done', 'r53: done, 131 changes'],
      ['failed', 'azdns: failed (see below)'],
    ]);
  });
});

describe('<ApplyProgress>', () => {
  it('prints finished lines once (Static) and one live line per provider with countdowns', () => {
    const { frames, lastFrame, rerender } = render(
      createElement(ApplyProgress, { state: replay(ramp.slice(0, 4)), now: T0, color: false }),
    );
    rerender(createElement(ApplyProgress, { state: replay(ramp), now: T0 + 18_000, color: false }));
    const live = lastFrame() ?? '';
    expect(live).toMatch(/r53\s+step 1\/3 {2}█{16} batch 2\/2 {2}next ramp step \(one TTL\) in 42s/);
    expect(live).toMatch(/azdns\s+█{7}░{9} batch 3\/7 {2}rate limited, retrying in 0s/);
    const all = frames.join('\n');
    expect(all).toContain('✓ r53 step 1/3: batch 1/2 published (100 changes)');
    expect(all).toContain('⏸ r53: step 1/3 published; waiting 60s (one TTL) before step 2');
    // Finished lines come first, in event order, above the live lines.
    expect(live.indexOf('batch 2/2 published')).toBeLessThan(live.indexOf('next ramp step'));
  });

  it('leaves only the summary lines when everything is finished', () => {
    const { frames, lastFrame } = render(
      createElement(ApplyProgress, { state: replay([...ramp, { type: 'finish', failed: [] }]), now: T0, color: false }),
    );
    expect(frames.join('\n')).toContain('✔ azdns: done, 3 changes, waited 2.5s for rate limits and propagation');
    expect(lastFrame()).not.toMatch(/batch \d+\/\?/);
  });
});
