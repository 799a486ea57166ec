import type { Change } from '../../plan/diff.js';
import type { WeightedGroups } from '../../render/route53-groups.js';
import type { JsonValue, Resource } from '../../render/types.js';

type Json = { readonly [key: string]: JsonValue };

const object = (value: JsonValue | undefined): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const list = (value: JsonValue | undefined): readonly JsonValue[] => (Array.isArray(value) ? value : []);
const text = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
const lastSegment = (id: string | undefined) => id?.split('/').at(-1) ?? '';

/**
 * A resource's values as lines a reviewer reads: for Route 53, the weight, TTL and values of a
 * weighted record, or the geography and the group a geography record points to with the split
 * that group stands for; for Azure, a record set's TTL and target, and a Traffic Manager
 * profile's method, TTL and DNS name, then one row per endpoint.
 */
export function resourceValues(resource: Resource, groups: WeightedGroups = {}): string[] {
  const body = object(resource.body);
  if (resource.kind === 'route53.rrset') return [route53Values(body, groups)];
  if (resource.kind === 'azure.recordset') return [azureRecordValues(body)];
  if (resource.kind === 'route53.healthcheck') return [healthCheckValues(body)];
  return azureProfileValues(body);
}

/** `HTTPS 203.0.113.20:443/healthz (Host app.example.com) every 30 s, down after 3 failures`. */
function healthCheckValues(body: Json): string {
  if (body.Type === 'CALCULATED') {
    const children = list(body.ChildHealthChecks).flatMap((child) => text(child) ?? []);
    return `CALCULATED: healthy while ${text(body.HealthThreshold)} of ${children.length} checks are (${children.join(', ')})`;
  }
  const target = text(body.IPAddress) ?? text(body.FullyQualifiedDomainName) ?? '?';
  const host = body.IPAddress !== undefined ? text(body.FullyQualifiedDomainName) : undefined;
  const parts = [
    `${text(body.Type)} ${target}:${text(body.Port)}${text(body.ResourcePath) ?? ''}${host === undefined ? '' : ` (Host ${host})`}`,
    `every ${text(body.RequestInterval)} s, down after ${text(body.FailureThreshold)} failures`,
  ];
  const regions = list(body.Regions).flatMap((region) => text(region) ?? []);
  if (regions.length > 0) parts.push(`from ${regions.join(', ')}`);
  return parts.join(' · ');
}

function route53Values(body: Json, groups: WeightedGroups): string {
  const parts: string[] = [];
  const geo = object(body.GeoLocation);
  const place = text(geo.SubdivisionCode) ?? text(geo.CountryCode) ?? text(geo.ContinentCode);
  if (place !== undefined) parts.push(`geo ${text(geo.ContinentCode) === place ? `continent:${place}` : place}`);
  const alias = object(body.AliasTarget);
  const target = text(alias.DNSName);
  if (target !== undefined) {
    const split = groups[target];
    parts.push(`→ ${target}${split === undefined ? '' : ` = ${describeWeights(split)}`}`);
  }
  if (body.Weight !== undefined) parts.push(`weight ${text(body.Weight)}`);
  if (body.TTL !== undefined) parts.push(`TTL ${text(body.TTL)}`);
  const values = list(body.ResourceRecords).flatMap((record) => text(object(record).Value) ?? []);
  if (values.length > 0) parts.push(values.join(', '));
  if (body.HealthCheckId !== undefined) parts.push(`health check ${text(body.HealthCheckId)}`);
  return parts.join(' · ');
}

/** `aws-fra 50% (128) · az-weu 50% (128)`: each endpoint's share of the group, with its weight. */
export function describeWeights(weights: Readonly<Record<string, number>>): string {
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
  return Object.entries(weights)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, w]) => `${id} ${total > 0 ? Math.round((1000 * w) / total) / 10 : 0}% (${w})`)
    .join(', ');
}

function azureRecordValues(body: Json): string {
  const properties = Object.keys(object(body.properties)).length > 0 ? object(body.properties) : body;
  const parts = [`TTL ${text(properties.TTL) ?? '?'}`];
  const target = text(object(properties.targetResource).id);
  if (target !== undefined) parts.push(`alias → Traffic Manager profile ${lastSegment(target)}`);
  const cname = text(object(properties.CNAMERecord).cname);
  if (cname !== undefined) parts.push(`CNAME ${cname}`);
  const addresses = [...list(properties.ARecords), ...list(properties.AAAARecords)].flatMap(
    (record) => text(object(record).ipv4Address) ?? text(object(record).ipv6Address) ?? [],
  );
  if (addresses.length > 0) parts.push(addresses.join(', '));
  return parts.join(' · ');
}

function azureProfileValues(body: Json): string[] {
  const properties = object(body.properties);
  const dns = object(properties.dnsConfig);
  const monitor = object(properties.monitorConfig);
  const head = [
    text(properties.trafficRoutingMethod) ?? 'profile',
    `TTL ${text(dns.ttl) ?? '?'}`,
    `${text(dns.relativeName) ?? '?'}.trafficmanager.net`,
    ...(monitor.protocol === undefined ? [] : [`monitor ${text(monitor.protocol)}:${text(monitor.port) ?? ''}`]),
    ...(properties.profileStatus === 'Disabled' ? ['profile disabled'] : []),
  ].join(' · ');
  return [head, ...list(properties.endpoints).map((endpoint) => endpointRow(object(endpoint)))];
}

/** One Traffic Manager endpoint: name, where it points, weight, status, geographies. */
function endpointRow(endpoint: Json): string {
  const p = object(endpoint.properties);
  const kind = (text(endpoint.type) ?? '').split('/').at(-1) ?? '';
  const where =
    kind === 'nestedEndpoints'
      ? `nested profile ${lastSegment(text(p.targetResourceId))}${p.minChildEndpoints === undefined ? '' : ` (min ${text(p.minChildEndpoints)} healthy)`}`
      : kind === 'azureEndpoints'
        ? `Azure resource ${lastSegment(text(p.targetResourceId))}`
        : `external ${text(p.target) ?? '?'}`;
  const geo = list(p.geoMapping).flatMap((code) => text(code) ?? []);
  const shown = geo.length > 12 ? `${geo.slice(0, 12).join(' ')} … ${geo.length - 12} more` : geo.join(' ');
  return [
    `endpoint ${text(endpoint.name) ?? '?'}`,
    where,
    ...(p.weight === undefined ? [] : [`weight ${text(p.weight)}`]),
    text(p.endpointStatus) ?? 'Enabled',
    ...(geo.length === 0 ? [] : [`geo ${shown}`]),
  ].join(' · ');
}

/**
 * The value lines of a change: a create's values, a delete's, and for an update the lines that
 * differ, the old one marked `-` and the new one `+` (rows that stay the same are left out).
 */
export function changeValues(change: Change, groups: WeightedGroups = {}): string[] {
  if (change.action === 'create') return resourceValues(change.after, groups).map((line) => `+ ${line}`);
  if (change.action === 'delete') return resourceValues(change.before, groups).map((line) => `- ${line}`);
  const before = resourceValues(change.before, groups);
  const after = resourceValues(change.after, groups);
  const lines = [
    ...before.filter((line) => !after.includes(line)).map((line) => `- ${line}`),
    ...after.filter((line) => !before.includes(line)).map((line) => `+ ${line}`),
  ];
  // A change no value line shows (tags, monitoring details): say which fields differ.
  return lines.length > 0 ? lines : [`~ ${changedFields(change.before.body, change.after.body, '').join(', ')}`];
}

function changedFields(before: JsonValue, after: JsonValue, path: string): string[] {
  const isObject = (v: JsonValue) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const a = before as Json;
    const b = after as Json;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .flatMap((key) => changedFields(a[key] ?? null, b[key] ?? null, path === '' ? key : `${path}.${key}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}

/** What a change is about, by its resource key: a Route 53 set, an Azure record set or profile. */
export function changeTitle(change: Change): string {
  const [kind, ...rest] = change.key.split('|');
  if (kind === 'azure.tm-profile') return `Traffic Manager profile ${rest.join(' ')}`;
  if (kind === 'azure.recordset') return `Azure DNS ${rest.join(' ')}`;
  if (kind === 'route53.healthcheck') return `Route 53 health check ${rest.join(' ')}`;
  return rest.join(' ');
}
