import type { GeoList } from '../geo/provider-lists/geo-list.js';

/**
 * Geography lists are read once per run: every adapter a command creates from the same
 * AdapterOptions (one object per run, see commands/publish.ts) and pointing at the same backend
 * shares one read. A failed read is forgotten, so the next caller tries again.
 */
const runs = new WeakMap<object, Map<string, Promise<GeoList>>>();

export interface GeoListShare {
  /** The run: the AdapterOptions object the command made. */
  readonly run: object;
  /**
   * The provider type and backend: equal keys read the same list (`route53 <account>`,
   * `azure mock <state dir>`, ...). Keys of different provider types never coincide.
   */
  readonly key: string;
}

export function readOncePerRun(share: GeoListShare | undefined, read: () => Promise<GeoList>): Promise<GeoList> {
  if (share === undefined) return read();
  let lists = runs.get(share.run);
  if (lists === undefined) {
    lists = new Map();
    runs.set(share.run, lists);
  }
  const cached = lists.get(share.key);
  if (cached !== undefined) return cached;
  const reading = read().catch((error: unknown) => {
    lists.delete(share.key);
    throw error;
  });
  lists.set(share.key, reading);
  return reading;
}
