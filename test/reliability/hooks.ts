/**
 * Process-wide hooks the fault matrix installs into the mock backends with vi.mock: every
 * persisted state change is reported, faults are counted, and a simulated crash freezes every
 * later write of the "process" (an AsyncLocalStorage context around one in-process CLI run).
 *
 * Deliberately free of imports from src/: the vi.mock factories load it while the modules they
 * replace are still being loaded.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RunContext {
  /** One in-process CLI run: the unit that "crashes". */
  readonly generation: number;
  /** Azure writes whose response is lost after the write landed (probability, seeded). */
  readonly loseAzureResponses?: { readonly probability: number; readonly random: () => number };
}

export const runContext = new AsyncLocalStorage<RunContext>();

export const hooks = {
  /** Generations that have crashed: their every later write or read never completes. */
  dead: new Set<number>(),
  /** Called after every update of a state file, with the state after it (the world skips those that change no record). */
  onWrite: undefined as ((path: string, state: unknown) => void) | undefined,
  /** Injected faults, by backend and kind. */
  faults: {} as Record<string, number>,
  /** Writes each run has started, so a crash can wait for those already on their way to land. */
  inflight: new Map<number, Set<Promise<unknown>>>(),
};

/** Remembers a write the current run started (it lands even if the run crashes meanwhile). */
export function track<T>(write: Promise<T>): Promise<T> {
  const generation = runContext.getStore()?.generation;
  if (generation === undefined) return write;
  const writes = hooks.inflight.get(generation) ?? new Set<Promise<unknown>>();
  hooks.inflight.set(generation, writes);
  writes.add(write);
  return write;
}

/** Waits until every write a (crashed) run had started has landed or failed. */
export async function settle(generation: number): Promise<void> {
  await Promise.allSettled([...(hooks.inflight.get(generation) ?? [])]);
  hooks.inflight.delete(generation);
}

export function countFault(kind: string): void {
  hooks.faults[kind] = (hooks.faults[kind] ?? 0) + 1;
}

/** Whether the current async context belongs to a run that has not crashed. */
export function alive(): boolean {
  const generation = runContext.getStore()?.generation;
  return generation === undefined || !hooks.dead.has(generation);
}

/** What a dead process does from now on: nothing, forever. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
