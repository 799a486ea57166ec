import { COUNTRIES } from '../../geo/countries.js';
import { allGeoRefTexts, parseGeoRef } from '../../geo/geography.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext } from './context.js';

export function checkDemand({ policy, report }: CheckContext): void {
  const total = policy.demand === 'builtin' ? undefined : policy.demand.total;
  const withCapacity = Object.keys(policy.endpoints).filter((id) => policy.endpoints[id]?.capacity !== undefined);
  if (total === undefined && withCapacity.length > 0) {
    report({
      severity: 'warning',
      code: 'POLICY.NO_DEMAND_TOTAL',
      message: `endpoints have capacities (${withCapacity.join(', ')}) but demand has no total, so capacity is not enforced`,
      path: ['demand'],
      hint: 'give demand: { total: 20000 } in requests per second (shares are optional)',
      at: 'key',
    });
  }
  if (policy.demand === 'builtin') return;
  const shares = Object.entries(policy.demand.shares ?? {});
  for (const [geo] of shares) {
    const ref = parseGeoRef(geo);
    if (ref === undefined) {
      report({
        code: 'POLICY.UNKNOWN_GEOGRAPHY',
        message: `unknown geography '${geo}'`,
        path: ['demand', 'shares', geo],
        hint: geoHint(geo),
        at: 'key',
      });
    } else if (ref.kind === 'group') {
      report({
        code: 'POLICY.GROUP_IN_DEMAND',
        message: `demand cannot be given for the group '${geo}'`,
        path: ['demand', 'shares', geo],
        hint: 'give demand per country or continent (continent:EU); groups overlap and would count users twice',
        at: 'key',
      });
    }
  }
  if (shares.length > 0 && shares.every(([, share]) => share === 0)) {
    report({
      code: 'POLICY.NO_DEMAND',
      message: 'every demand share is 0',
      path: ['demand', 'shares'],
      hint: 'give at least one geography a positive share',
    });
  }
}

export function geoHint(text: string): string {
  const byName = [...COUNTRIES.values()].find((country) => country.name.toLowerCase() === text.toLowerCase());
  if (byName !== undefined) return `did you mean '${byName.code}' (${byName.name})?`;
  return (
    didYouMean(text, allGeoRefTexts()) ??
    'use an ISO country code (DE), a continent (continent:EU), a US state (US-CA), a group (EU, EEA, EFTA) or *'
  );
}
