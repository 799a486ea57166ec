import type { Profile } from '@azure/arm-trafficmanager';
import { OWNER_KEY, OWNER_VALUE, SERVICE_TAG, SHARED_TAG, SHARED_VALUE } from '../../render/azure-names.js';

/**
 * Which listed Traffic Manager profiles a read owns, and which shared ones it must keep.
 *
 * - A service's own profiles carry `trafficport=owned` and `trafficport-service=<service>`.
 * - Shared Weighted profiles carry `trafficport=owned` and `trafficport-shared=weighted` and no
 *   service tag: they belong to the provider (resource group and prefix), and any service whose
 *   split they hold nests them.
 *
 * A shared profile is read as owned, so a plan can use it and delete it once nothing uses it. But
 * when anything outside the read refers to it (a profile of a service this policy does not
 * publish, another tool's profile, a record set other than the read services' own), it is
 * **retained**: in use elsewhere, never deleted by this plan.
 */

export type ProfileClass = 'service' | 'shared' | undefined;

export function classifyProfile(profile: Profile, services: readonly string[], prefix: string): ProfileClass {
  const tags = profile.tags ?? {};
  if (tags[OWNER_KEY] !== OWNER_VALUE || !(profile.name ?? '').startsWith(prefix)) return undefined;
  const service = tags[SERVICE_TAG];
  if (service !== undefined) return services.includes(service) ? 'service' : undefined;
  return tags[SHARED_TAG] === SHARED_VALUE ? 'shared' : undefined;
}

/** Lower-cased ARM ids of the profiles `profile` nests. */
export function nestedTargets(profile: Profile): string[] {
  return (profile.endpoints ?? [])
    .filter((endpoint) => (endpoint.type ?? '').toLowerCase().endsWith('/nestedendpoints'))
    .map((endpoint) => (endpoint.targetResourceId ?? '').toLowerCase());
}

export interface RetainInput {
  /** Every profile listed (owned or not). */
  readonly profiles: readonly Profile[];
  /** The class of each listed profile, in the same order. */
  readonly classes: readonly ProfileClass[];
  /** Lower-cased alias targets of record sets that are not the read services' own. */
  readonly outsideAliases: ReadonlySet<string>;
}

/**
 * Names of the shared profiles something outside the read refers to. A shared profile nested only
 * by another shared one (a Weighted split under a failoverBackups Priority profile) is retained
 * only when its parent is: otherwise deleting the parent would leave it behind for good.
 */
export function retainedShared({ profiles, classes, outsideAliases }: RetainInput): Set<string> {
  const outside = new Set(outsideAliases);
  profiles.forEach((profile, i) => {
    if (classes[i] !== undefined) return;
    for (const target of nestedTargets(profile)) outside.add(target);
  });
  const retained = new Set<string>();
  for (let grown = true; grown; ) {
    grown = false;
    profiles.forEach((profile, i) => {
      const name = profile.name ?? '';
      if (classes[i] !== 'shared' || retained.has(name) || !outside.has((profile.id ?? '').toLowerCase())) return;
      retained.add(name);
      for (const target of nestedTargets(profile)) outside.add(target);
      grown = true;
    });
  }
  return retained;
}
