// Small scheduling helpers for background work (lease renewal).

/** `setInterval`, unref'd (a lease never keeps the process alive); returns its stop. */
export function repeat(tick: () => void, ms: number): () => void {
  const timer = setInterval(tick, ms);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Calls `work` on every item, at most `atOnce` at a time; resolves when all are done
 * (rejects with the first failure: `work` that must not stop the others catches its own). */
export async function eachAtOnce<T>(
  items: readonly T[],
  atOnce: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, atOnce), items.length) }, worker));
}
