import { isTrafficportError, TrafficportError } from '../errors.js';
import { diffResources } from '../plan/diff.js';
import { fingerprintLive } from '../plan/fingerprint.js';
import type { ApplyEvents, ProviderAdapter } from '../providers/types.js';
import type { Journal, JournalStore } from './journal.js';

export interface ProviderRun {
  readonly id: string;
  readonly adapter: ProviderAdapter;
  readonly services: readonly string[];
}

export interface StepEvents extends ApplyEvents {
  onStep?(event: { readonly provider: string; readonly step: number; readonly steps: number }): void;
  onStepWait?(event: { readonly provider: string; readonly seconds: number }): void;
}

export interface ProviderOutcome {
  readonly provider: string;
  readonly status: 'done' | 'failed';
  readonly calls: number;
  readonly changes: number;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * Drives every provider of a journal to its last desired state, step by step. Each step re-reads
 * the provider and applies only the difference, so a resumed or repeated run converges instead of
 * replaying. Providers run in parallel and fail independently: one provider down does not stop
 * the other, and the journal says which one needs a resume.
 */
export async function runJournal(
  journal: Journal,
  store: JournalStore,
  runs: readonly ProviderRun[],
  events: StepEvents = {},
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<ProviderOutcome[]> {
  const save = coalescedWrites(() => store.save(journal));
  const outcomes = await Promise.all(runs.map((run) => runProvider(journal, run, save, events, sleep)));
  journal.status = outcomes.every((o) => o.status === 'done') ? 'done' : 'failed';
  await save();
  return outcomes;
}

async function runProvider(
  journal: Journal,
  run: ProviderRun,
  save: () => Promise<void>,
  events: StepEvents,
  sleep: (ms: number) => Promise<void>,
): Promise<ProviderOutcome> {
  const entry = journal.providers[run.id];
  if (entry === undefined || entry.status === 'done') return { provider: run.id, status: 'done', calls: 0, changes: 0 };
  let calls = 0;
  let changes = 0;
  entry.status = 'applying';
  delete entry.error;
  await save();
  try {
    for (let step = entry.stepsDone; step < entry.steps.length; step++) {
      events.onStep?.({ provider: run.id, step: step + 1, steps: entry.steps.length });
      const live = await run.adapter.read(run.services);
      if (entry.expectFingerprint !== undefined) {
        if (fingerprintLive(live) !== entry.expectFingerprint) {
          throw new TrafficportError(
            'PLAN.STALE',
            `the records at ${run.id} changed after the plan was made (another apply?)`,
            {
              hint: 'run trafficport plan again and review the new plan',
            },
          );
        }
        // Persist that the check passed before anything is written: a process killed after its
        // first write must resume, not find its own write and call it someone else's change.
        delete entry.expectFingerprint;
        await save();
      }
      const diff = diffResources(entry.steps[step]!, live.resources, live.retained);
      calls += 1;
      if (diff.length > 0) {
        const report = await run.adapter.apply(diff, live, events);
        calls += report.calls;
        changes += report.changes;
      }
      entry.stepsDone = step + 1;
      // The last step's record also says the provider is done: one write, not two.
      if (entry.stepsDone === entry.steps.length) entry.status = 'done';
      await save();
      if (step + 1 < entry.steps.length) {
        events.onStepWait?.({ provider: run.id, seconds: journal.stepWaitSeconds });
        await sleep(journal.stepWaitSeconds * 1000);
      }
    }
    if (entry.status !== 'done') {
      entry.status = 'done';
      await save();
    }
    return { provider: run.id, status: 'done', calls, changes };
  } catch (error) {
    const code = isTrafficportError(error) ? error.code : 'PROVIDER.UNEXPECTED';
    const message = (error as Error).message;
    entry.status = 'failed';
    entry.error = { code, message };
    await save();
    return { provider: run.id, status: 'failed', calls, changes, error: { code, message } };
  }
}

/**
 * `write` (which persists the current state of something) one call at a time, in call order, with
 * every call made while a write is still waiting to start sharing that write: it will persist
 * their changes too. A journal of 50,000 records is megabytes of JSON, and providers applied in
 * parallel ask for it to be saved at nearly the same moments. Each caller's promise settles once
 * a write that began after its call has landed (or failed).
 */
export function coalescedWrites(write: () => Promise<void>): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  return () => {
    if (waiting === undefined) {
      const next = last.then(() => {
        waiting = undefined;
        return write();
      });
      waiting = next;
      last = next;
    }
    return waiting;
  };
}
