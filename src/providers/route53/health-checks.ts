import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  type HealthCheck,
  ListHealthChecksCommand,
} from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { QuotaUsage } from '../../plan/quota.js';
import type { LiveState } from '../../plan/types.js';
import { DEFAULT_HEALTH_CHECK_QUOTA } from '../../policy/health.js';
import type { Route53Provider } from '../../policy/types.js';
import { type Route53RecordSet, withoutUndefined } from '../../render/route53-body.js';
import {
  callerReference,
  canonicalHealthCheck,
  HEALTH_CHECK_KIND,
  HEALTH_CHECK_PREFIX,
  healthCheckDigest,
  healthCheckResource,
  isOwnedCallerReference,
  placeholderOfKey,
  type Route53HealthCheckConfig,
} from '../../render/route53-health.js';
import type { DesiredState, Resource } from '../../render/types.js';
import { childrenFirst, withRealChildIds } from './health-calculated.js';
import type { CallMeter } from './meter.js';
import type { Route53Sender } from './zone.js';

/**
 * The health checks of an account, as trafficport sees them: those it owns for this zone
 * (CallerReference `tp-hc:<zone tag>:…`, see render/route53-health.ts) become resources keyed by
 * their placeholder; every other check is foreign and only counted (for the quota). Owned checks
 * are also tagged (`Name`, `trafficport:zone`) so people can tell them apart in the console.
 */

export interface HealthCheckListing {
  /** Owned checks as resources, sorted by key. */
  readonly resources: readonly Resource[];
  /** Real id → placeholder, for owned checks. */
  readonly placeholders: ReadonlyMap<string, string>;
  /** Every check id listed, owned or not. */
  readonly listed: readonly string[];
}

/** ListHealthChecks pages are at most 1,000 checks [API Reference: ListHealthChecks, MaxItems]. */
const PAGE = '1000';
const MAX_PAGES = 100;

export async function listHealthChecks(
  client: Route53Sender,
  meter: CallMeter,
  zone: string,
): Promise<HealthCheckListing> {
  const checks: HealthCheck[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await meter.call('ListHealthChecks', () =>
      client.send(new ListHealthChecksCommand({ MaxItems: Number(PAGE), ...(marker ? { Marker: marker } : {}) })),
    );
    checks.push(...(response.HealthChecks ?? []));
    if (response.IsTruncated !== true) return ownedChecks(checks, zone);
    if (response.NextMarker === undefined || response.NextMarker === marker) break;
    marker = response.NextMarker;
  }
  throw new TrafficportError('PROVIDER.PAGING', 'ListHealthChecks did not page as documented');
}

function ownedChecks(checks: readonly HealthCheck[], zone: string): HealthCheckListing {
  const resources = new Map<string, Resource>();
  const placeholders = new Map<string, string>();
  const owned = [...checks]
    .filter((check) => check.Id !== undefined && isOwnedCallerReference(zone, check.CallerReference))
    .sort((a, b) => ((a.Id ?? '') < (b.Id ?? '') ? -1 : 1));
  // Children first: a CALCULATED check names its children by id, read back as their placeholders.
  for (const check of [...owned.filter((c) => !isCalculatedSdk(c)), ...owned.filter(isCalculatedSdk)]) {
    const id = check.Id ?? '';
    const config = configFromSdk(check, placeholders);
    // The digest of what the check is now (someone may have changed it); a second check with the
    // same settings (an interrupted create) gets a key of its own, which no record wants: deleted.
    let placeholder = `${HEALTH_CHECK_PREFIX}${healthCheckDigest(config)}`;
    if (resources.has(`${HEALTH_CHECK_KIND}|${placeholder}`)) placeholder = `${placeholder}#${id}`;
    const resource = healthCheckResource(config, placeholder);
    resources.set(resource.key, resource);
    placeholders.set(id, placeholder);
  }
  return {
    resources: [...resources.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    placeholders,
    listed: checks.flatMap((check) => (check.Id === undefined ? [] : [check.Id])),
  };
}

function isCalculatedSdk(check: HealthCheck): boolean {
  return check.HealthCheckConfig?.Type === 'CALCULATED';
}

/** Route 53's default regions (all of them) read back as "not set", like a rendered check without regions. */
const ALL_REGIONS = 8;

function configFromSdk(check: HealthCheck, placeholders: ReadonlyMap<string, string>): Route53HealthCheckConfig {
  if (isCalculatedSdk(check)) {
    const config = check.HealthCheckConfig ?? { Type: 'CALCULATED' };
    return canonicalHealthCheck({
      Type: 'CALCULATED',
      ChildHealthChecks: (config.ChildHealthChecks ?? []).map((id) => placeholders.get(id) ?? id),
      HealthThreshold: Number(config.HealthThreshold ?? 0),
    });
  }
  const raw = withoutUndefined(check.HealthCheckConfig ?? {}) as Record<string, unknown>;
  const regions = raw.Regions as string[] | undefined;
  const pick = (key: string) => (raw[key] === undefined ? {} : { [key]: raw[key] });
  return canonicalHealthCheck({
    ...(pick('Type') as { Type: 'TCP' }),
    ...pick('IPAddress'),
    ...pick('FullyQualifiedDomainName'),
    Port: Number(raw.Port ?? (raw.Type === 'HTTP' ? 80 : 443)),
    ...pick('ResourcePath'),
    RequestInterval: Number(raw.RequestInterval ?? 30),
    FailureThreshold: Number(raw.FailureThreshold ?? 3),
    ...(regions === undefined || regions.length >= ALL_REGIONS ? {} : { Regions: regions }),
    ...pick('EnableSNI'),
    ...pick('MeasureLatency'),
    ...pick('Inverted'),
    ...pick('Disabled'),
  } as Route53HealthCheckConfig);
}

// The real id of each owned check travels in `live.versions` (key → id), which every copy of a
// LiveState keeps, and what the read listed in `live.quotaListed`.

/** The LiveState fields a read of `listing` fills. */
export function checkFields(listing: HealthCheckListing, account: string): Pick<LiveState, 'versions' | 'quotaListed'> {
  const versions: Record<string, string> = {};
  for (const [id, placeholder] of listing.placeholders) versions[`${HEALTH_CHECK_KIND}|${placeholder}`] = id;
  return {
    versions,
    quotaListed: {
      scope: `Route 53 health checks in ${account}`,
      ids: listing.listed.map((id) => listing.placeholders.get(id) ?? id),
    },
  };
}

function readIdsOf(live: LiveState): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [key, id] of Object.entries(live.versions)) {
    if (key.startsWith(`${HEALTH_CHECK_KIND}|`)) ids.set(placeholderOfKey(key), id);
  }
  return ids;
}

/**
 * The health checks this provider draws from its account's quota (Route 53: 200 per account by
 * default, raisable [Route 53 quotas: "Health checks"]; `healthCheckQuota`): the checks it will
 * hold, and every other check the read listed (other tools', other zones'), which count too.
 */
export function route53QuotaUsage(
  provider: Route53Provider,
  desired: DesiredState,
  live: LiveState,
): QuotaUsage | undefined {
  const listed = live.quotaListed;
  if (!provider.healthChecks || listed === undefined) return undefined;
  const checks = (resources: readonly Resource[]) =>
    resources
      .filter((resource) => resource.kind === HEALTH_CHECK_KIND)
      .map((resource) => placeholderOfKey(resource.key));
  return {
    provider: provider.id,
    scope: listed.scope,
    limit: provider.healthCheckQuota ?? DEFAULT_HEALTH_CHECK_QUOTA,
    desired: checks(desired.resources),
    owned: checks(live.resources),
    listed: listed.ids,
    hint: "raise the account's health-check limit (AWS Service Quotas) and set healthCheckQuota to it, or give endpoints the same health-check settings so they share checks",
  };
}

export function isHealthCheckChange(change: Change): boolean {
  return (change.action === 'delete' ? change.before : change.after).kind === HEALTH_CHECK_KIND;
}

/**
 * Creates the checks `changes` create, before any record names them, per-address checks before
 * the CALCULATED checks that name them; returns placeholder → real id for every check a record
 * may name (those read and those just created).
 */
export async function createHealthChecks(
  client: Route53Sender,
  meter: CallMeter,
  zone: string,
  changes: readonly Change[],
  live: LiveState,
  nonce: string,
): Promise<Map<string, string>> {
  const ids = readIdsOf(live);
  const creates = changes.filter((change) => change.action === 'create' && change.after.kind === HEALTH_CHECK_KIND);
  for (const change of childrenFirst(creates)) {
    if (change.action !== 'create') continue;
    const placeholder = placeholderOfKey(change.key);
    const config = withRealChildIds(change.after.body as unknown as Route53HealthCheckConfig, ids);
    const digest = placeholder.slice(HEALTH_CHECK_PREFIX.length);
    const created = await meter.call('CreateHealthCheck', () =>
      client.send(
        new CreateHealthCheckCommand({
          CallerReference: callerReference(zone, digest, nonce),
          HealthCheckConfig: config,
        }),
      ),
    );
    const id = created.HealthCheck?.Id;
    if (id === undefined) throw new TrafficportError('PROVIDER.BAD_RESPONSE', 'CreateHealthCheck returned no id');
    await meter.call('ChangeTagsForResource', () =>
      client.send(
        new ChangeTagsForResourceCommand({
          ResourceType: 'healthcheck',
          ResourceId: id,
          AddTags: [
            { Key: 'Name', Value: `trafficport ${placeholder}` },
            { Key: 'trafficport:zone', Value: zone },
          ],
        }),
      ),
    );
    ids.set(placeholder, id);
  }
  return ids;
}

/** Deletes the owned checks `changes` delete, after no record names them any more, CALCULATED checks first. */
export async function deleteHealthChecks(
  client: Route53Sender,
  meter: CallMeter,
  changes: readonly Change[],
  live: LiveState,
): Promise<number> {
  const ids = readIdsOf(live);
  let deleted = 0;
  const deletes = changes.filter((change) => change.action === 'delete' && change.before.kind === HEALTH_CHECK_KIND);
  // Parents first: a child still named by a CALCULATED check is in use.
  for (const change of childrenFirst(deletes).reverse()) {
    if (change.action !== 'delete') continue;
    const placeholder = placeholderOfKey(change.key);
    const id = ids.get(placeholder) ?? placeholder.split('#')[1];
    if (id === undefined) continue; // Not there when read: nothing to delete.
    await meter.call('DeleteHealthCheck', () => client.send(new DeleteHealthCheckCommand({ HealthCheckId: id })));
    deleted += 1;
  }
  return deleted;
}

/** The change with the placeholders of its record sets replaced by real check ids. */
export function withRealCheckIds(change: Change, ids: ReadonlyMap<string, string>): Change {
  const swap = (resource: Resource): Resource => {
    const set = resource.body as unknown as Route53RecordSet;
    const placeholder = set.HealthCheckId;
    if (placeholder === undefined || !placeholder.startsWith(HEALTH_CHECK_PREFIX)) return resource;
    const id = ids.get(placeholder);
    if (id === undefined) {
      throw new TrafficportError(
        'PROVIDER.NOT_FOUND',
        `record ${set.Name} names health check ${placeholder}, which does not exist`,
        {
          hint: 'run plan again: the plan creates the checks its records name',
        },
      );
    }
    return { ...resource, body: { ...(resource.body as Record<string, never>), HealthCheckId: id } };
  };
  // A change naming no check is returned as it is (not copied: an apply holds every change).
  if (change.action === 'create') {
    const after = swap(change.after);
    return after === change.after ? change : { ...change, after };
  }
  if (change.action === 'delete') {
    const before = swap(change.before);
    return before === change.before ? change : { ...change, before };
  }
  const before = swap(change.before);
  const after = swap(change.after);
  return before === change.before && after === change.after ? change : { ...change, before, after };
}

/** Real id → placeholder on a record set read back (a check trafficport does not own keeps its id). */
export function withCheckPlaceholder(resource: Resource, placeholders: ReadonlyMap<string, string>): Resource {
  const id = (resource.body as { HealthCheckId?: string }).HealthCheckId;
  const placeholder = id === undefined ? undefined : placeholders.get(id);
  if (placeholder === undefined) return resource;
  return { ...resource, body: { ...(resource.body as Record<string, never>), HealthCheckId: placeholder } };
}
