import type { JsonValue, Resource } from './types.js';

/** Group name → endpoint id → weight: what each Route 53 weighted group stands for. */
export type WeightedGroups = Readonly<Record<string, Readonly<Record<string, number>>>>;

const field = (body: JsonValue, key: string): JsonValue | undefined =>
  body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, JsonValue>)[key]
    : undefined;

/**
 * The weighted groups the geography records among `aliases` point to, read from the weighted
 * records of `sources` (a group's name is a digest of its weights, so any source naming it
 * agrees). For plans: a geography record names its group, and a reader wants its split.
 */
export function weightedGroupsOf(
  aliases: readonly Resource[],
  sources: readonly (readonly Resource[])[],
): WeightedGroups {
  const wanted = new Set<string>();
  for (const resource of aliases) {
    const target = field(field(resource.body, 'AliasTarget') ?? null, 'DNSName');
    if (resource.kind === 'route53.rrset' && typeof target === 'string') wanted.add(target);
  }
  const groups: Record<string, Record<string, number>> = {};
  for (const resources of sources) {
    for (const resource of resources) {
      if (resource.kind !== 'route53.rrset') continue;
      const name = field(resource.body, 'Name');
      const weight = field(resource.body, 'Weight');
      const id = field(resource.body, 'SetIdentifier');
      if (typeof name !== 'string' || !wanted.has(name) || typeof weight !== 'number' || typeof id !== 'string')
        continue;
      groups[name] ??= {};
      groups[name][id.replace(/^tp:/, '')] = weight;
    }
  }
  return groups;
}
