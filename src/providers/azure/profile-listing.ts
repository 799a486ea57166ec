import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';

/**
 * Which Traffic Manager profile names a read found in the provider's resource group, owned or
 * not, remembered per LiveState (the interface has no field for it, and it is the adapter's own
 * business). It is what lets apply create a profile with a bare PUT: Traffic Manager has no ETags
 * and no If-None-Match (api-version 2022-04-01), so the read's listing is the only proof that a
 * name was free. A LiveState this adapter did not read has no listing, and apply then falls back
 * to a GET before each create.
 */
const listings = new WeakMap<LiveState, ReadonlySet<string>>();

/** ARM names are case-insensitive: `Tp-Api` and `tp-api` are one profile. */
function nameKey(name: string): string {
  return name.toLowerCase();
}

export function rememberProfileNames(live: LiveState, names: Iterable<string>): void {
  listings.set(live, new Set([...names].map(nameKey)));
}

/** The names listed when `live` was read, or undefined when it was not read by the adapter. */
export function listedProfileNames(live: LiveState): ReadonlySet<string> | undefined {
  return listings.get(live);
}

export function profileName(change: Change): string {
  return change.key.slice(change.key.indexOf('|') + 1);
}

/**
 * Refuses, before anything is written, to create a profile whose name the read listed: a profile
 * there that is not in `live.resources` is not trafficport's for these services (untagged, or
 * tagged for another service), and a bare PUT would replace it.
 */
export function checkProfileNames(changes: readonly Change[], listed: ReadonlySet<string> | undefined): void {
  if (listed === undefined) return;
  for (const change of changes) {
    if (change.action !== 'create' || change.after.kind !== 'azure.tm-profile') continue;
    const name = profileName(change);
    if (!listed.has(nameKey(name))) continue;
    throw new TrafficportError(
      'PROVIDER.FOREIGN_RECORD',
      `Traffic Manager profile ${name} exists and is not owned by trafficport for this service; creating it would replace it`,
      {
        hint: 'remove or rename it, hand it over with the tags trafficport=owned and trafficport-service=<service>, or set another trafficManager.profilePrefix',
      },
    );
  }
}
