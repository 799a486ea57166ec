import type { Journal } from '../apply/journal.js';
import { TrafficportError } from '../errors.js';
import { didYouMean } from '../policy/suggest.js';
import type { Policy } from '../policy/types.js';
import { relativeRecordName, SERVICE_TAG } from '../render/azure-names.js';
import type { Resource } from '../render/types.js';

/**
 * `--service NAME…` on plan, apply, verify and rollback: the one place the selection is checked
 * and applied. The split is always solved on the whole policy (services share endpoints and
 * their capacity, so one service's split depends on the others); only what is published, read,
 * compared and journaled is narrowed to the selected services' names.
 */
export function selectServices(policy: Policy, names: readonly string[] | undefined): Policy {
  if (names === undefined || names.length === 0) return policy;
  const known = policy.services.map((s) => s.name);
  const wanted = names.map((name) => name.toLowerCase().replace(/\.$/, ''));
  const unknown = wanted.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new TrafficportError('USAGE.UNKNOWN_SERVICE', `--service: the policy has no service '${unknown}'`, {
      hint: didYouMean(unknown, known) ?? `services: ${known.join(', ')}`,
    });
  }
  return { ...policy, services: policy.services.filter((s) => wanted.includes(s.name)) };
}

/** A policy narrowed to the services a journal was made for (all when it names none). */
export function journalServices(policy: Policy, services: readonly string[] | undefined): Policy {
  return services === undefined
    ? policy
    : { ...policy, services: policy.services.filter((s) => services.includes(s.name)) };
}

/**
 * The resources of `resources` that belong to `services` at a provider publishing `zone`, as a
 * read of those services would return them: Route 53 sets at or below a service's name; Azure
 * record sets at its name, the profiles tagged with it and the shared profiles those nest. For
 * `rollback --service`, whose journal holds every service's records from before the apply.
 */
export function resourcesOfServices(
  resources: readonly Resource[],
  services: readonly string[],
  zone: string,
): Resource[] {
  const names = services.map((s) => s.toLowerCase().replace(/\.$/, ''));
  const relative = new Set(names.map((s) => relativeRecordName(s, zone)));
  const own = resources.filter((resource) => {
    const [, name = ''] = resource.key.split('|');
    if (resource.kind === 'route53.rrset') return names.some((s) => name === `${s}.` || name.endsWith(`.${s}.`));
    if (resource.kind === 'azure.recordset') return relative.has(name);
    const tags = (resource.body as { tags?: Record<string, string> }).tags ?? {};
    return tags[SERVICE_TAG] !== undefined && names.includes(tags[SERVICE_TAG]);
  });
  // Shared Weighted profiles hold no service tag: they belong to the services whose profiles nest them.
  const nested = new Set(
    own.flatMap((resource) =>
      resource.kind !== 'azure.tm-profile'
        ? []
        : profileEndpoints(resource).flatMap((e) => {
            const id = e.properties?.targetResourceId;
            return id === undefined ? [] : [id.split('/trafficmanagerprofiles/')[1] ?? ''];
          }),
    ),
  );
  const shared = resources.filter(
    (r) => r.kind === 'azure.tm-profile' && !own.includes(r) && nested.has(r.key.slice(r.key.indexOf('|') + 1)),
  );
  return [...own, ...shared].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function profileEndpoints(resource: Resource): readonly { properties?: { targetResourceId?: string } }[] {
  return (resource.body as { properties?: { endpoints?: [] } }).properties?.endpoints ?? [];
}

/**
 * `rollback --service`: the rollback journal narrowed to the selected services' records. An
 * apply made for some services only (its journal names them) can be rolled back for those.
 */
export function narrowRollback(journal: Journal, policy: Policy, selected: readonly string[]): Journal {
  const outside = journal.services === undefined ? [] : selected.filter((s) => !journal.services!.includes(s));
  if (outside.length > 0) {
    throw new TrafficportError(
      'USAGE.CONFLICTING_OPTION',
      `--service: the apply being rolled back was made for ${journal.services!.join(', ')} only, not ${outside.join(', ')}`,
      { hint: 'roll back without --service, or name only services that apply changed' },
    );
  }
  const providers = Object.fromEntries(
    Object.entries(journal.providers).map(([id, entry]) => {
      const zone = policy.providers.find((p) => p.id === id)?.zone ?? '';
      const before = entry.before === null ? null : resourcesOfServices(entry.before, selected, zone);
      return [id, { ...entry, before, steps: before === null ? entry.steps : [before] }];
    }),
  );
  return { ...journal, services: selected, providers };
}
