/**
 * The rules a published split must obey, written out again from the documented semantics
 * (README "Policy language", DESIGN "Split semantics") rather than imported from src/solve, so
 * the reliability tests judge trafficport's output by an independent reading of the rules.
 */
import { COUNTRIES } from '../../src/geo/countries.js';
import { JURISDICTION_GROUPS } from '../../src/geo/jurisdictions.js';
import type { Endpoint, EndpointSelector, Policy, SovereigntyRule } from '../../src/policy/types.js';

/** Where a plan geography's users are: `*` is nowhere in particular, `US-CA` is in US and US-CA. */
export function placeOf(geo: string): { country?: string; subdivision?: string } {
  if (geo === '*') return {};
  const dash = geo.indexOf('-');
  return dash < 0 ? { country: geo } : { country: geo.slice(0, dash), subdivision: geo };
}

function covers(ref: SovereigntyRule['users'][number], country: string, subdivision: string | undefined): boolean {
  switch (ref.kind) {
    case 'default':
      return false;
    case 'continent':
      return COUNTRIES.get(country)?.continent === ref.code;
    case 'country':
      return ref.code === country;
    case 'subdivision':
      return ref.code === subdivision;
    case 'group':
      return (JURISDICTION_GROUPS[ref.code] ?? []).includes(country);
  }
}

/** A selector matches when every field it gives matches (any value within a field). */
function matches(selector: EndpointSelector, endpoint: Endpoint): boolean {
  if (selector.jurisdictions && !selector.jurisdictions.some((j) => endpoint.jurisdictions.includes(j))) return false;
  if (selector.clouds && !selector.clouds.includes(endpoint.cloud)) return false;
  if (selector.regions && (endpoint.region === undefined || !selector.regions.includes(endpoint.region))) return false;
  if (selector.endpoints && !selector.endpoints.includes(endpoint.id)) return false;
  return true;
}

/** Endpoints no sovereignty rule lets answer users in `geo` (a plan geography id). */
export function forbiddenFor(policy: Policy, geo: string): Set<string> {
  const { country, subdivision } = placeOf(geo);
  const forbidden = new Set<string>();
  for (const rule of policy.rules.sovereignty) {
    // `*` names the default record's audience: it protects geography `*` and nothing else.
    const protects =
      country === undefined
        ? rule.users.some((ref) => ref.kind === 'default')
        : rule.users.some((ref) => covers(ref, country, subdivision));
    if (!protects) continue;
    for (const endpoint of policy.endpoints) {
      const allowed = rule.allow === undefined || matches(rule.allow, endpoint);
      const denied = rule.deny !== undefined && matches(rule.deny, endpoint);
      if (!allowed || denied) forbidden.add(endpoint.id);
    }
  }
  return forbidden;
}

/** Endpoints inside a one-off maintenance window at `at` (recurring windows are not considered). */
export function inWindowAt(policy: Policy, at: number): Set<string> {
  const drained = new Set<string>();
  for (const window of policy.rules.maintenance) {
    if (window.timing.kind !== 'once' || at < window.timing.start || at >= window.timing.end) continue;
    for (const endpoint of policy.endpoints) {
      const target = window.target;
      const hit =
        target.kind === 'endpoint'
          ? target.endpoint === endpoint.id
          : target.kind === 'cloud'
            ? target.cloud === endpoint.cloud
            : target.region === endpoint.region && (target.cloud === undefined || target.cloud === endpoint.cloud);
      if (hit) drained.add(endpoint.id);
    }
  }
  return drained;
}

/** Which endpoint an answered address or name belongs to (`?value` when none does). */
export function endpointOfTarget(policy: Policy, value: string): string {
  const wanted = value.toLowerCase().replace(/\.$/, '');
  const owner = policy.endpoints.find(
    (e) =>
      e.targets.a.includes(wanted) ||
      e.targets.aaaa.map((v) => v.toLowerCase()).includes(wanted) ||
      e.targets.cname?.toLowerCase().replace(/\.$/, '') === wanted,
  );
  return owner?.id ?? `?${value}`;
}
