import { TrafficportError } from '../errors.js';
import { didYouMean } from '../policy/suggest.js';
import type { Policy } from '../policy/types.js';

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
