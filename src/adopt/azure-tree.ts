import { NESTED_TYPE } from '../render/azure-bodies.js';
import { profileKey } from '../render/azure-names.js';
import type { Resource } from '../render/types.js';

/**
 * The Traffic Manager profiles behind one record set (pure, canonical resources): the record
 * set's alias target or the profile whose `<relativeName>.trafficmanager.net` its CNAME names,
 * then every profile they nest, transitively. Parents come before the profiles they nest (the
 * order they can be deleted in; reversed, the order they can be created in).
 */

interface RecordSetBody {
  readonly targetResource?: { readonly id: string };
  readonly CNAMERecord?: { readonly cname: string };
}

interface ProfileBody {
  readonly tags?: Readonly<Record<string, string>>;
  readonly properties: {
    readonly dnsConfig: { readonly relativeName: string };
    readonly endpoints: readonly {
      readonly name: string;
      readonly type: string;
      readonly properties: { readonly targetResourceId?: string };
    }[];
  };
}

export interface ProfileTree {
  /** Profiles reached, parents first. */
  readonly profiles: readonly Resource[];
  /** ARM ids (lower case) the tree points at that are not among the profiles read. */
  readonly missing: readonly string[];
}

/** The profile name an ARM id names (lower case), or undefined when it names no profile. */
export function profileNameOfId(id: string): string | undefined {
  return id.toLowerCase().split('/trafficmanagerprofiles/')[1]?.split('/')[0];
}

/** The resource group an ARM id names (lower case). */
export function resourceGroupOfId(id: string): string | undefined {
  return id.toLowerCase().split('/resourcegroups/')[1]?.split('/')[0];
}

/**
 * `profiles`: the profiles of one resource group (`group`), by key. A profile id in another group
 * is missing even when a profile of that name is read here.
 */
export function profileTree(recordSet: Resource, resources: readonly Resource[], group: string): ProfileTree {
  const profiles = resources.filter((r) => r.kind === 'azure.tm-profile');
  const byKey = new Map(profiles.map((p) => [p.key, p]));
  const byRelative = new Map(
    profiles.map((p) => [(p.body as unknown as ProfileBody).properties.dnsConfig.relativeName.toLowerCase(), p]),
  );
  const set = recordSet.body as unknown as RecordSetBody;
  const missing: string[] = [];
  const byId = (id: string): Resource | undefined => {
    const name = profileNameOfId(id);
    const found =
      name === undefined || resourceGroupOfId(id) !== group.toLowerCase() ? undefined : byKey.get(profileKey(name));
    if (found === undefined) missing.push(id.toLowerCase());
    return found;
  };
  const host = set.CNAMERecord?.cname
    .toLowerCase()
    .replace(/\.$/, '')
    .match(/^(.*)\.trafficmanager\.net$/)?.[1];
  const root =
    set.targetResource !== undefined
      ? byId(set.targetResource.id)
      : host === undefined
        ? undefined
        : byRelative.get(host);
  const out: Resource[] = [];
  const seen = new Set<string>();
  const queue = root === undefined ? [] : [root];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next.key)) continue;
    seen.add(next.key);
    out.push(next);
    for (const endpoint of (next.body as unknown as ProfileBody).properties.endpoints) {
      if (endpoint.type !== NESTED_TYPE || endpoint.properties.targetResourceId === undefined) continue;
      const child = byId(endpoint.properties.targetResourceId);
      if (child !== undefined) queue.push(child);
    }
  }
  return { profiles: deepestLast(out, byKey), missing };
}

/**
 * Orders profiles so that each comes before every profile it nests (a profile nested by two
 * parents goes after both): a topological order of the nesting graph, which has no cycles (Azure
 * refuses them).
 */
function deepestLast(profiles: readonly Resource[], byKey: ReadonlyMap<string, Resource>): Resource[] {
  const depth = new Map<string, number>();
  const visit = (profile: Resource, level: number, path: ReadonlySet<string>) => {
    if (path.has(profile.key) || (depth.get(profile.key) ?? -1) >= level) return;
    depth.set(profile.key, level);
    for (const child of nestedKeys(profile)) {
      const found = byKey.get(child);
      if (found !== undefined) visit(found, level + 1, new Set([...path, profile.key]));
    }
  };
  if (profiles[0] !== undefined) visit(profiles[0], 0, new Set());
  return [...profiles].sort((a, b) => (depth.get(a.key) ?? 0) - (depth.get(b.key) ?? 0) || (a.key < b.key ? -1 : 1));
}

/** Keys of the profiles a profile nests. */
export function nestedKeys(profile: Resource): string[] {
  return (profile.body as unknown as ProfileBody).properties.endpoints
    .filter((e) => e.type === NESTED_TYPE && e.properties.targetResourceId !== undefined)
    .flatMap((e) => {
      const name = profileNameOfId(e.properties.targetResourceId!);
      return name === undefined ? [] : [profileKey(name)];
    });
}

/** Whether a profile is referenced (nested) by any profile outside `within`. */
export function nestedFromOutside(profile: Resource, all: readonly Resource[], within: ReadonlySet<string>): string[] {
  return all.filter((p) => !within.has(p.key) && nestedKeys(p).includes(profile.key)).map((p) => p.key);
}
