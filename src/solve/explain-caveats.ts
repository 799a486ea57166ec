import { DEFAULT_GEO } from '../geo/geography.js';
import { unavailable } from './explain-words.js';
import type { GeographySplit, ServiceSplit } from './types.js';

/**
 * What DNS cannot promise for this geography, said plainly and from the plan: where the answer
 * depends on the resolver, what the default record's audience gets, caching and connections.
 */
export function caveats(service: ServiceSplit, geography: GeographySplit): string[] {
  const list: string[] = [];
  const rules = [...new Set(geography.reasons.flatMap((r) => (r.kind === 'sovereignty' ? [`'${r.rule}'`] : [])))].join(
    ', ',
  );
  const fallback = service.geographies.find((g) => g.geo === DEFAULT_GEO);
  const defaultServing =
    fallback === undefined ? [] : Object.keys(fallback.shares).filter((id) => (fallback.shares[id] ?? 0) > 0);
  if (geography.geo === DEFAULT_GEO) {
    const held = geography.reasons.some((r) => r.kind === 'sovereignty');
    list.push(
      'The default record answers resolvers the DNS service cannot place: users from anywhere, including sovereign geographies whose resolver has no known location, can get this answer.',
      held
        ? `Sovereignty rule ${rules} holds this record to its allowed endpoints ('*' in its users), so those users stay inside it too.`
        : "No sovereignty rule names * in its users, so this record may answer with any endpoint: enforce sovereignty at the endpoint where the law requires it, or add * to the rule's users.",
    );
  } else if (rules !== '') {
    const excluded = unavailable(geography.reasons.filter((r) => r.kind === 'sovereignty'));
    const leaks = defaultServing.filter((id) => excluded.has(id));
    const held = fallback?.reasons.some((r) => r.kind === 'sovereignty') ?? false;
    list.push(
      `DNS answers by the location of the resolver (or the client subnet it forwards), not of the user: a user here behind a resolver abroad gets that country's answer, which rule ${rules} does not govern.`,
      leaks.length > 0
        ? `A user here whose resolver the DNS service cannot place gets the default record's answer, which includes ${leaks.join(', ')} (excluded here): add * to the users of rule ${rules} to hold the default record too.`
        : `A user here whose resolver the DNS service cannot place gets the default record's answer (${defaultServing.join(', ')}), inside what rule ${rules} allows${held ? '' : ` today only: no rule holds the default record, so add * to the users of rule ${rules} to keep it so`}.`,
      'The published records never send this geography to an excluded endpoint; where the law requires it, enforce the rule at the endpoint as well.',
    );
  } else {
    list.push(
      "DNS steers by the location of the resolver (or the client subnet it forwards), not of the user: clients behind a resolver abroad get that country's answer.",
    );
  }
  list.push(
    `Answers are cached for the TTL (${service.ttl}s) and long-lived connections outlive DNS changes: a change reaches new lookups only.`,
  );
  return list;
}
