import type { OperationName } from './types.js';

/** HTTP method and path → Route 53 operation, per the restXml bindings of API 2013-04-01. */

export interface Route {
  operation: OperationName;
  /** The decoded `{Id}` path segment, for routes that have one. */
  id?: string;
  /** The decoded second path parameter (GetHostedZoneLimit's `{Type}`). */
  sub?: string;
}

const ROUTES: readonly [method: string, pattern: RegExp, operation: OperationName][] = [
  ['POST', /^\/hostedzone$/, 'CreateHostedZone'],
  ['GET', /^\/hostedzone$/, 'ListHostedZones'],
  ['GET', /^\/hostedzonesbyname$/, 'ListHostedZonesByName'],
  ['GET', /^\/hostedzone\/([^/]+)$/, 'GetHostedZone'],
  ['DELETE', /^\/hostedzone\/([^/]+)$/, 'DeleteHostedZone'],
  ['POST', /^\/hostedzone\/([^/]+)\/rrset$/, 'ChangeResourceRecordSets'],
  ['GET', /^\/hostedzone\/([^/]+)\/rrset$/, 'ListResourceRecordSets'],
  ['GET', /^\/change\/([^/]+)$/, 'GetChange'],
  ['GET', /^\/testdnsanswer$/, 'TestDNSAnswer'],
  ['POST', /^\/healthcheck$/, 'CreateHealthCheck'],
  ['GET', /^\/healthcheck$/, 'ListHealthChecks'],
  ['GET', /^\/healthcheck\/([^/]+)$/, 'GetHealthCheck'],
  ['DELETE', /^\/healthcheck\/([^/]+)$/, 'DeleteHealthCheck'],
  ['GET', /^\/healthcheck\/([^/]+\/status)$/, 'GetHealthCheckStatus'],
  ['POST', /^\/tags\/(healthcheck\/[^/]+)$/, 'ChangeTagsForResource'],
  ['GET', /^\/tags\/(healthcheck\/[^/]+)$/, 'ListTagsForResource'],
  ['GET', /^\/geolocations$/, 'ListGeoLocations'],
  ['GET', /^\/hostedzonelimit\/([^/]+)\/([^/]+)$/, 'GetHostedZoneLimit'],
];

const VERSION_PREFIX = '/2013-04-01';

/**
 * Finds the operation for a request. Anything before the version segment is ignored, so an SDK
 * endpoint with a base path (`http://127.0.0.1:PORT/route53`) still routes; a trailing slash is
 * accepted because older documentation writes `…/rrset/`.
 */
export function routeRequest(method: string, path: string): Route | undefined {
  const at = path.indexOf(`${VERSION_PREFIX}/`);
  if (at < 0) return undefined;
  const rest = path.slice(at + VERSION_PREFIX.length).replace(/\/$/, '');
  for (const [routeMethod, pattern, operation] of ROUTES) {
    if (routeMethod !== method.toUpperCase()) continue;
    const match = pattern.exec(rest);
    if (!match) continue;
    const [, id, sub] = match;
    return {
      operation,
      ...(id === undefined ? {} : { id: decodeURIComponent(id) }),
      ...(sub === undefined ? {} : { sub: decodeURIComponent(sub) }),
    };
  }
  return undefined;
}
