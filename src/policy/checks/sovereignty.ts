import { COUNTRIES } from '../../geo/countries.js';
import { parseGeoRef } from '../../geo/geography.js';
import { isJurisdictionGroup, JURISDICTION_GROUPS } from '../../geo/jurisdictions.js';
import { REGION_CATALOGS } from '../../geo/regions/index.js';
import type { RawEndpointSelector } from '../schema.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext, Path } from './context.js';
import { geoHint } from './demand.js';
import { reportDuplicates } from './services.js';

export function checkSovereignty(context: CheckContext): void {
  const { policy, report } = context;
  reportDuplicates(
    policy.rules.sovereignty.map((rule) => rule.name),
    (name, index) =>
      report({
        code: 'POLICY.DUPLICATE_RULE',
        message: `sovereignty rule '${name}' is defined twice`,
        path: ['rules', 'sovereignty', index, 'name'],
        hint: 'give each rule its own name',
      }),
  );
  policy.rules.sovereignty.forEach((rule, index) => {
    const path = ['rules', 'sovereignty', index] as const;
    rule.users.forEach((user, at) => {
      // `*` is the DNS default record's audience (resolvers the DNS service cannot place).
      if (parseGeoRef(user) === undefined) {
        report({
          code: 'POLICY.UNKNOWN_GEOGRAPHY',
          message: `unknown geography '${user}'`,
          path: [...path, 'users', at],
          hint: geoHint(user),
        });
      }
    });
    if (rule.allow === undefined && rule.deny === undefined) {
      report({
        code: 'POLICY.EMPTY_RULE',
        message: `sovereignty rule '${rule.name}' has neither allow nor deny`,
        path,
        hint: 'add allow: { jurisdiction: EU } or deny: { clouds: [gcp] }',
        at: 'key',
      });
    }
    if (rule.allow !== undefined) checkSelector(context, rule.allow, [...path, 'allow']);
    if (rule.deny !== undefined) checkSelector(context, rule.deny, [...path, 'deny']);
  });
}

function checkSelector({ policy, report }: CheckContext, selector: RawEndpointSelector, path: Path): void {
  const jurisdictions =
    selector.jurisdiction === undefined
      ? []
      : typeof selector.jurisdiction === 'string'
        ? [selector.jurisdiction]
        : selector.jurisdiction;
  jurisdictions.forEach((jurisdiction, at) => {
    if (!isJurisdictionGroup(jurisdiction) && !COUNTRIES.has(jurisdiction)) {
      report({
        code: 'POLICY.UNKNOWN_JURISDICTION',
        message: `unknown jurisdiction '${jurisdiction}'`,
        path: typeof selector.jurisdiction === 'string' ? [...path, 'jurisdiction'] : [...path, 'jurisdiction', at],
        hint:
          didYouMean(jurisdiction, [...Object.keys(JURISDICTION_GROUPS), ...COUNTRIES.keys()]) ??
          'use a group (EU, EEA, EFTA) or an ISO country code',
      });
    }
  });
  const allRegions = new Set(Object.values(REGION_CATALOGS).flatMap((regions) => regions.map((region) => region.code)));
  selector.regions?.forEach((region, at) => {
    if (!allRegions.has(region)) {
      report({
        code: 'POLICY.UNKNOWN_REGION',
        message: `unknown region '${region}'`,
        path: [...path, 'regions', at],
        hint: didYouMean(region, allRegions) ?? 'use a region code of aws, azure or gcp',
      });
    }
  });
  const endpointIds = Object.keys(policy.endpoints);
  selector.endpoints?.forEach((id, at) => {
    if (!Object.hasOwn(policy.endpoints, id)) {
      report({
        code: 'POLICY.UNKNOWN_ENDPOINT',
        message: `unknown endpoint '${id}'`,
        path: [...path, 'endpoints', at],
        hint: didYouMean(id, endpointIds) ?? `defined endpoints: ${endpointIds.join(', ')}`,
      });
    }
  });
}
