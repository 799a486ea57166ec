import type { Change } from '../../plan/diff.js';
import type { JsonValue } from '../../render/types.js';

export interface ServiceChanges {
  /** The service the records answer for, or the zone for records no service claims. */
  readonly service: string;
  readonly changes: readonly Change[];
  readonly counts: { readonly create: number; readonly update: number; readonly delete: number };
}

/** The group of Azure's shared Traffic Manager profiles, which serve whichever services nest them. */
export const SHARED_GROUP = 'shared Traffic Manager profiles';

/**
 * Groups a provider's changes by the service they serve, in the order of `services`. Resource keys
 * differ per provider, so a change is matched by, in turn: the service tag Azure resources carry,
 * then the record name (an absolute name in Route 53, a name relative to the zone in Azure DNS),
 * which is the service's name or a name under it. Shared profiles form a group of their own, last.
 */
export function groupChangesByService(
  changes: readonly Change[],
  services: readonly string[],
  zone: string,
): ServiceChanges[] {
  const groups = new Map<string, Change[]>(services.map((s) => [s, []]));
  for (const change of changes) {
    const service = isShared(change) ? SHARED_GROUP : (serviceOf(change, services, zone) ?? zone);
    groups.set(service, [...(groups.get(service) ?? []), change]);
  }
  return [...groups.entries()]
    .filter(([, list]) => list.length > 0)
    .map(([service, list]) => ({
      service,
      changes: list,
      counts: {
        create: list.filter((c) => c.action === 'create').length,
        update: list.filter((c) => c.action === 'update').length,
        delete: list.filter((c) => c.action === 'delete').length,
      },
    }));
}

export function serviceOf(change: Change, services: readonly string[], zone: string): string | undefined {
  const body = (change.action === 'delete' ? change.before : change.after).body;
  const tagged = tagOf(body);
  if (tagged !== undefined && services.includes(tagged)) return tagged;
  const name = change.key.split('|')[1] ?? '';
  const fqdn = name.endsWith('.')
    ? name.slice(0, -1).toLowerCase()
    : name === '@'
      ? zone
      : `${name}.${zone}`.toLowerCase();
  return services.find((s) => fqdn === s || fqdn.endsWith(`.${s}`));
}

function tagOf(body: JsonValue, tag = 'trafficport-service'): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const tags = (body as { readonly [key: string]: JsonValue }).tags;
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags) || tags === undefined) return undefined;
  const value = (tags as { readonly [key: string]: JsonValue })[tag];
  return typeof value === 'string' ? value : undefined;
}

function isShared(change: Change): boolean {
  return tagOf((change.action === 'delete' ? change.before : change.after).body, 'trafficport-shared') !== undefined;
}
