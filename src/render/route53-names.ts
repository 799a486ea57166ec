import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/json.js';

/**
 * Names and identifiers of the record sets trafficport writes to Route 53. Everything it owns
 * carries a SetIdentifier starting with `tp:`; any other set is foreign and never touched.
 */

export const OWNER_PREFIX = 'tp:';

/**
 * Rendered alias records name their own hosted zone with this placeholder: the zone id is only
 * known to the adapter, which substitutes it when writing and puts the placeholder back when
 * reading, so a rendered body and a read-back body compare equal.
 */
export const ZONE_PLACEHOLDER = 'ZONE';

export const DEFAULT_GEO_IDENTIFIER = `${OWNER_PREFIX}geo:default`;

const PLAIN = /^[a-z0-9\-_.]$/;
/** Already in Route 53's spelling: nothing to lower-case, decode or escape. */
const ALREADY_CANONICAL = /^[a-z0-9\-_]+(\.[a-z0-9\-_]+)*\.$/;

/**
 * A DNS name as Route 53 returns it: lower-case, trailing dot, and every character outside
 * `a-z 0-9 - _ .` as a three-digit octal escape (`*` is `\052`). Rendering in that spelling is
 * what makes the diff of an applied state empty.
 */
export function route53Name(name: string): string {
  // Most names (every one trafficport renders or reads back) are already canonical.
  if (ALREADY_CANONICAL.test(name)) return name;
  // Names read back are already escaped; decoding first makes this idempotent.
  const plain = name
    .trim()
    .replace(/\\([0-7]{3}|.)/g, (_, escaped: string) =>
      escaped.length === 3 ? String.fromCharCode(Number.parseInt(escaped, 8)) : escaped,
    )
    .toLowerCase();
  const dotted = plain.endsWith('.') ? plain : `${plain}.`;
  let out = '';
  for (const char of dotted) {
    out += PLAIN.test(char) ? char : `\\${(char.codePointAt(0) ?? 0).toString(8).padStart(3, '0')}`;
  }
  return out;
}

/**
 * The name of a weighted group: `tp-<10 hex>.<service>.`, derived from the record type and the
 * positive weights only. Zero weights are left out because zero-weight records are not written:
 * the name then changes exactly when the group's records would, and adding an endpoint to a
 * service does not rename groups it has no weight in. Geographies with equal weights (and equal
 * backups, see route53-failover.ts) share it.
 */
export function weightedGroupName(
  service: string,
  type: string,
  weights: Readonly<Record<string, number>>,
  backups: readonly string[] = [],
): string {
  const positive = Object.fromEntries(
    Object.entries(weights)
      .filter(([, weight]) => weight > 0)
      .sort(([a], [b]) => compareText(a, b)),
  );
  const digest = createHash('sha256')
    // Backups (zero-weight stand-ins, with health checks only) are named only when there are some,
    // so the names of groups without them are what they always were.
    .update(
      canonicalJson(
        backups.length === 0 ? { type, weights: positive } : { type, weights: positive, backups: [...backups] },
      ),
    )
    .digest('hex');
  return route53Name(`tp-${digest.slice(0, 10)}.${service}`);
}

export function endpointIdentifier(endpointId: string): string {
  return `${OWNER_PREFIX}${endpointId}`;
}

/** `*` → `tp:geo:default`, `continent:EU` → `tp:geo:continent-EU`, `DE`, `US-CA` as they are. */
export function geoIdentifier(geo: string): string {
  if (geo === '*') return DEFAULT_GEO_IDENTIFIER;
  return `${OWNER_PREFIX}geo:${geo.replace(/^continent:/, 'continent-')}`;
}

export function isOwnedIdentifier(setIdentifier: string | undefined): boolean {
  return setIdentifier?.startsWith(OWNER_PREFIX) === true;
}

export function resourceKey(name: string, type: string, setIdentifier: string | undefined): string {
  return `route53.rrset|${name}|${type}|${setIdentifier ?? ''}`;
}

/** Code-unit order: locale-independent, so output never depends on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
