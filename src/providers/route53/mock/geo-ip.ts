import { isIPv6 } from 'node:net';
import type { ClientLocation } from './answer.js';

/**
 * How a TestDNSAnswer request tells the mock where the client is. The real service geolocates
 * the resolver or EDNS0 client-subnet IP with its own database; the mock has none, so it reads
 * synthetic addresses from the IPv6 documentation prefix 2001:db8::/32 (RFC 3849) that spell the
 * location in ASCII: `2001:db8:4445::` is DE, `2001:db8:5553:4341::` is US-CA. A `geoLocate`
 * option can map any other address.
 */

/** Header (mock-only) that states the client location directly, e.g. `DE` or `US-CA`. */
export const MOCK_GEO_HEADER = 'x-trafficport-mock-geo';

export type GeoLocator = (ip: string) => ClientLocation | undefined;

/** `DE` → {countryCode: DE}; `US-CA` → {countryCode: US, subdivisionCode: CA}; `*` → unknown. */
export function parseClientLocation(text: string): ClientLocation | undefined {
  const match = /^([A-Za-z]{2})(?:-([A-Za-z]{1,3}))?$/.exec(text.trim());
  if (!match?.[1]) return text.trim() === '*' ? {} : undefined;
  const location: ClientLocation = { countryCode: match[1].toUpperCase() };
  if (match[2]) location.subdivisionCode = match[2].toUpperCase();
  return location;
}

function asciiGroup(text: string): string {
  return [...text.padEnd(2, '\0')].map((char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

/** The synthetic client address for a location, to pass as `EDNS0ClientSubnetIP`. */
export function mockClientIp(location: string): string {
  const parsed = parseClientLocation(location);
  if (!parsed?.countryCode) throw new Error(`not a country or US-state location: ${location}`);
  const subdivision = parsed.subdivisionCode ?? '';
  if (subdivision.length > 2)
    throw new Error(`subdivision codes longer than two letters have no mock address: ${location}`);
  const groups = ['2001', 'db8', asciiGroup(parsed.countryCode)];
  if (subdivision) groups.push(asciiGroup(subdivision));
  return `${groups.join(':')}::`;
}

/** Eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function expandIPv6(address: string): number[] | undefined {
  if (!isIPv6(address) || address.includes('.')) return undefined;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((group) =>
    Number.parseInt(group, 16),
  );
}

function groupText(group: number | undefined): string {
  if (group === undefined || group === 0) return '';
  return String.fromCharCode(group >> 8, group & 0xff).replace(/\0/g, '');
}

/** Reads a synthetic address back; undefined for any other address. */
export function locationFromMockIp(address: string): ClientLocation | undefined {
  const groups = expandIPv6(address.split('/')[0] ?? '');
  if (groups?.[0] !== 0x2001 || groups[1] !== 0xdb8) return undefined;
  return parseClientLocation([groupText(groups[2]), groupText(groups[3])].filter(Boolean).join('-'));
}
