import { geoRefContains } from '../geo/geography.js';
import type { Endpoint, EndpointSelector, SovereigntyRule } from './types.js';

/** Whether an endpoint is one a selector (of a sovereignty rule) picks. */
export function selectorMatches(selector: EndpointSelector, endpoint: Endpoint): boolean {
  return (
    (selector.jurisdictions === undefined || selector.jurisdictions.some((j) => endpoint.jurisdictions.includes(j))) &&
    (selector.clouds === undefined || selector.clouds.includes(endpoint.cloud)) &&
    (selector.regions === undefined || (endpoint.region !== undefined && selector.regions.includes(endpoint.region))) &&
    (selector.endpoints === undefined || selector.endpoints.includes(endpoint.id))
  );
}

/** Whether a rule forbids an endpoint (allow not matched, or deny matched). */
export function ruleForbids(rule: SovereigntyRule, endpoint: Endpoint): boolean {
  if (rule.allow !== undefined && !selectorMatches(rule.allow, endpoint)) return true;
  return rule.deny !== undefined && selectorMatches(rule.deny, endpoint);
}

/**
 * The rules protecting a geography's users. `*` in a rule's users is the default record's
 * audience (resolvers the DNS service cannot place), so it selects the default geography only;
 * countries, continents, states and groups never select it.
 */
export function rulesFor(
  geo: { readonly country?: string | undefined; readonly subdivision?: string | undefined },
  rules: readonly SovereigntyRule[],
): SovereigntyRule[] {
  if (geo.country === undefined) return rules.filter((rule) => rule.users.some((ref) => ref.kind === 'default'));
  const country = geo.country;
  return rules.filter((rule) => rule.users.some((ref) => geoRefContains(ref, country, geo.subdivision)));
}
