import { COUNTRIES } from '../../geo/countries.js';
import { findRegion, isCatalogCloud, regionCodes } from '../../geo/regions/index.js';
import { ENDPOINT_ID_PATTERN } from '../schema.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext } from './context.js';

const ID_HINT = 'use lower-case letters, digits and inner hyphens, at most 63 characters (e.g. aws-use1)';

export function checkIds({ policy, report }: CheckContext): void {
  for (const [section, ids] of [
    ['providers', Object.keys(policy.providers)],
    ['endpoints', Object.keys(policy.endpoints)],
  ] as const) {
    for (const id of ids) {
      if (!ENDPOINT_ID_PATTERN.test(id)) {
        report({
          code: 'POLICY.BAD_ID',
          message: `'${id}' is not a valid id`,
          path: [section, id],
          hint: ID_HINT,
          at: 'key',
        });
      }
    }
  }
  if (Object.keys(policy.endpoints).length === 0) {
    report({ code: 'POLICY.NO_ENDPOINTS', message: 'the policy defines no endpoints', path: ['endpoints'], at: 'key' });
  }
  if (Object.keys(policy.providers).length === 0) {
    report({ code: 'POLICY.NO_PROVIDERS', message: 'the policy defines no providers', path: ['providers'], at: 'key' });
  }
}

export function checkEndpoints({ policy, report }: CheckContext): void {
  for (const [id, endpoint] of Object.entries(policy.endpoints)) {
    const path = ['endpoints', id];
    if (endpoint.cloud === 'onprem') {
      if (endpoint.location === undefined) {
        report({
          code: 'POLICY.MISSING_LOCATION',
          message: `onprem endpoint '${id}' needs a location`,
          path,
          hint: 'add location: { country: DE, lat: 50.1, lon: 8.7 }',
          at: 'key',
        });
      }
    } else if (endpoint.region === undefined) {
      report({
        code: 'POLICY.MISSING_REGION',
        message: `missing required field 'region' for a ${endpoint.cloud} endpoint`,
        path,
        at: 'key',
      });
    } else if (isCatalogCloud(endpoint.cloud) && findRegion(endpoint.cloud, endpoint.region) === undefined) {
      report({
        code: 'POLICY.UNKNOWN_REGION',
        message: `unknown region '${endpoint.region}' for ${endpoint.cloud}`,
        path: [...path, 'region'],
        hint:
          didYouMean(endpoint.region, regionCodes(endpoint.cloud)) ??
          `run \`trafficport regions ${endpoint.cloud}\` to list them`,
      });
    }
    if (endpoint.location !== undefined && !COUNTRIES.has(endpoint.location.country)) {
      report({
        code: 'POLICY.UNKNOWN_COUNTRY',
        message: `unknown country code '${endpoint.location.country}'`,
        path: [...path, 'location', 'country'],
        hint: didYouMean(endpoint.location.country, COUNTRIES.keys()) ?? 'use an ISO 3166-1 alpha-2 code such as DE',
      });
    }
    const hasAddress = endpoint.a !== undefined || endpoint.aaaa !== undefined;
    if (endpoint.cname !== undefined && hasAddress) {
      report({
        code: 'POLICY.MIXED_TARGETS',
        message: `endpoint '${id}' has both a cname and addresses`,
        path: [...path, 'cname'],
        hint: 'DNS cannot put a CNAME beside other records at one name: keep either cname or a/aaaa',
      });
    }
    checkDuplicateAddresses(id, endpoint, report);
    if (endpoint.cname === undefined && !hasAddress) {
      report({
        code: 'POLICY.NO_TARGET',
        message: `endpoint '${id}' has no target`,
        path,
        hint: 'add a: [203.0.113.10], aaaa: [2001:db8::10] or cname: app.example.net',
        at: 'key',
      });
    }
  }
}

/**
 * An address listed twice in one endpoint: its records would hold one value twice, which Route 53
 * refuses (InvalidChangeBatch "Duplicate Resource Record", as seen by external-dns, issue #1929),
 * and a second health check of the same address would only double-count it. IPv6 addresses are
 * compared as addresses (2001:db8::10 is 2001:DB8:0:0::10).
 */
function checkDuplicateAddresses(
  id: string,
  endpoint: { readonly a?: readonly string[] | undefined; readonly aaaa?: readonly string[] | undefined },
  report: CheckContext['report'],
): void {
  for (const [field, list, key] of [
    ['a', endpoint.a ?? [], (address: string) => address],
    ['aaaa', endpoint.aaaa ?? [], ipv6Key],
  ] as const) {
    const first = new Map<string, number>();
    list.forEach((address, index) => {
      const at = first.get(key(address));
      if (at === undefined) {
        first.set(key(address), index);
        return;
      }
      report({
        code: 'POLICY.DUPLICATE_ADDRESS',
        message: `endpoint '${id}' lists the address ${address} twice (first as ${field}[${at}] ${list[at]})`,
        path: ['endpoints', id, field, index],
        hint: `remove this entry from ${field}: a record set holds each value once (Route 53 refuses a change with a "Duplicate Resource Record")`,
      });
    });
  }
}

/** The eight groups of an IPv6 address, lower-case without leading zeros (embedded IPv4 too). */
export function ipv6Key(address: string): string {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const before = head === '' ? [] : head.split(':');
  const after = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...fill, ...after].map((group) => Number.parseInt(group, 16).toString(16)).join(':');
}
