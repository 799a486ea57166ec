import { COUNTRIES } from '../../geo/countries.js';
import { DEFAULT_GEO, parseGeoRef } from '../../geo/geography.js';
import { SUBDIVISIONS } from '../../geo/subdivisions.js';
import { isPinnedKey, pinnedFor } from '../pinned.js';
import { ruleForbids, rulesFor } from '../selectors.js';
import { didYouMean } from '../suggest.js';
import type { Policy } from '../types.js';
import type { CheckContext } from './context.js';

/** How far a pinned geography's percents may be from 100 (they are written to 3 decimals). */
const SUM_TOLERANCE = 0.01;

/** Pinned splits: record geographies, endpoints of the service, percents summing to 100. */
export function checkPinned({ policy, report }: CheckContext): void {
  policy.services.forEach((service, index) => {
    for (const [key, shares] of Object.entries(service.pinned ?? {})) {
      const path = ['services', index, 'pinned', key] as const;
      if (!isPinnedKey(key)) {
        report({
          code: 'POLICY.PINNED_GEOGRAPHY',
          message: `'${key}' is not a geography a DNS record can target`,
          path,
          at: 'key',
          hint:
            parseGeoRef(key)?.kind === 'group'
              ? 'pin its countries, or a continent (continent:EU): records cannot target a group'
              : 'use *, continent:XX, a country code (DE) or a US state (US-CA)',
        });
      }
      for (const id of Object.keys(shares)) {
        if (service.endpoints.includes(id)) continue;
        report({
          code: 'POLICY.PINNED_ENDPOINT',
          message: `pinned endpoint '${id}' is not an endpoint of service '${service.name}'`,
          path: [...path, id],
          at: 'key',
          hint: didYouMean(id, service.endpoints) ?? `the service's endpoints: ${service.endpoints.join(', ')}`,
        });
      }
      const sum = Object.values(shares).reduce((total, share) => total + share, 0);
      if (Math.abs(sum - 100) > SUM_TOLERANCE) {
        report({
          code: 'POLICY.PINNED_SUM',
          message: `the pinned split of '${key}' sums to ${Math.round(sum * 1000) / 1000}%, not 100%`,
          path,
          at: 'key',
          hint: 'give every endpoint its percent of this geography so they add up to 100',
        });
      }
    }
  });
}

/**
 * Sovereignty over pinned splits (needs the endpoints' jurisdictions, so it runs on the
 * normalized policy): no user a rule protects may be covered by an entry that gives a forbidden
 * endpoint a share. Checked for every place the plan covers (the default, each country, the US
 * states the policy names), as the solver would meet them.
 */
export function checkPinnedSovereignty(policy: Policy, context: CheckContext): void {
  const places = pinnedPlaces(policy);
  const reported = new Set<string>();
  policy.services.forEach((service, index) => {
    if (service.pinned === undefined) return;
    const endpoints = policy.endpoints.filter((endpoint) => service.endpoints.includes(endpoint.id));
    for (const place of places) {
      const entry = pinnedFor(service, place.id);
      if (entry === undefined) continue;
      for (const rule of rulesFor(place, policy.rules.sovereignty)) {
        for (const endpoint of endpoints) {
          if ((entry.shares[endpoint.id] ?? 0) <= 0 || !ruleForbids(rule, endpoint)) continue;
          const once = `${index}|${entry.key}|${endpoint.id}|${rule.name}`;
          if (reported.has(once)) continue;
          reported.add(once);
          context.report({
            code: 'POLICY.PINNED_SOVEREIGNTY',
            message: `the pinned split of '${entry.key}' sends ${place.id === DEFAULT_GEO ? 'the default audience' : place.id} to '${endpoint.id}', which sovereignty rule '${rule.name}' forbids`,
            path: ['services', index, 'pinned', entry.key, endpoint.id],
            at: 'key',
            hint: `pin ${place.id} separately without '${endpoint.id}', or move its share to an endpoint the rule allows`,
          });
        }
      }
    }
  });
}

interface Place {
  readonly id: string;
  readonly country?: string;
  readonly subdivision?: string;
}

function pinnedPlaces(policy: Policy): Place[] {
  const states = new Set<string>();
  for (const service of policy.services) {
    for (const key of service.pinned?.keys() ?? []) if (SUBDIVISIONS.has(key)) states.add(key);
  }
  for (const rule of policy.rules.sovereignty) {
    for (const ref of rule.users) if (ref.kind === 'subdivision') states.add(ref.code);
  }
  return [
    { id: DEFAULT_GEO },
    ...[...COUNTRIES.keys()].map((code) => ({ id: code, country: code })),
    ...[...states].map((code) => ({ id: code, country: SUBDIVISIONS.get(code)!.country, subdivision: code })),
  ];
}
