import { TrafficportError } from '../../errors.js';
import { applyChanges } from '../../plan/build.js';
import type { Change } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';
import type { Route53Provider } from '../../policy/types.js';
import { recordSetOf } from '../../render/route53-body.js';
import { HEALTH_CHECK_KIND } from '../../render/route53-health.js';
import { route53Name } from '../../render/route53-names.js';
import type { RecordQuota } from '../types.js';
import { checkOwnedChanges, findForeignConflicts, foreignConflictError } from './conflicts.js';
import { isHealthCheckChange } from './health-checks.js';

/**
 * Route 53's per-record limits [Route 53 Developer Guide, "Quotas on records"; the mock enforces
 * the same figures, docs/mock-route53.md]: at most 100 weighted record sets with one name and
 * type, and 400 values in one record set. Unlike the zone's record quota these cannot be raised
 * and no API reports them.
 */
export const ROUTE53_RECORD_LIMITS = { weightedPerNameType: 100, valuesPerSet: 400 } as const;

/**
 * Everything a Route 53 apply would be refused for that can be known before writing, checked by
 * `plan` (plan is the preflight) and by apply before it writes to any provider: changes to sets
 * trafficport does not own, foreign records in the way, the per-record limits, a CNAME at the
 * zone apex, and the zone's record quota (read with GetHostedZoneLimit, when given).
 */
export function preflightRoute53(
  provider: Route53Provider,
  allChanges: readonly Change[],
  live: LiveState,
  quota?: RecordQuota,
): void {
  // Health checks are account resources, not records of the zone: their quota is the account's
  // (route53QuotaUsage), and ownership is judged by their CallerReference when they are read.
  const changes = allChanges.filter((change) => !isHealthCheckChange(change));
  checkOwnedChanges(changes);
  const conflicts = findForeignConflicts(changes, live.foreign);
  if (conflicts.length > 0) throw foreignConflictError(conflicts);
  const problems = recordProblems(provider, changes, live);
  if (problems.length > 0) {
    throw new TrafficportError('PROVIDER.LIMIT', `Route 53 would refuse the plan for ${provider.zone}:`, {
      items: problems,
      hint: 'nothing was changed; publish fewer endpoints or addresses under one name (these Route 53 limits cannot be raised), or use a name below the apex for a CNAME',
    });
  }
  if (quota !== undefined) checkZoneQuota(provider, changes, quota);
}

function recordProblems(provider: Route53Provider, changes: readonly Change[], live: LiveState): string[] {
  const written = new Set(changes.filter((c) => c.action !== 'delete').map((c) => c.key));
  const records = live.resources.filter((resource) => resource.kind !== HEALTH_CHECK_KIND);
  const after = applyChanges(records, changes).map((resource) => ({
    key: resource.key,
    set: recordSetOf(resource),
  }));
  const weighted = new Map<string, { count: number; touched: boolean }>();
  const problems: string[] = [];
  const apex = route53Name(provider.zone);
  for (const { key, set } of after) {
    const touched = written.has(key);
    if (set.Weight !== undefined) {
      const group = `${set.Name} ${set.Type}`;
      const entry = weighted.get(group) ?? { count: 0, touched: false };
      weighted.set(group, { count: entry.count + 1, touched: entry.touched || touched });
    }
    const values = set.ResourceRecords?.length ?? 0;
    if (touched && values > ROUTE53_RECORD_LIMITS.valuesPerSet) {
      problems.push(
        `${set.Name} ${set.Type} (${set.SetIdentifier ?? 'no SetIdentifier'}) would hold ${values} values; Route 53 allows ${ROUTE53_RECORD_LIMITS.valuesPerSet} per record set`,
      );
    }
    if (touched && set.Type === 'CNAME' && set.Name === apex) {
      problems.push(`${set.Name} CNAME: the zone apex cannot hold a CNAME (it holds the SOA and NS records)`);
    }
  }
  for (const [group, { count, touched }] of weighted) {
    if (touched && count > ROUTE53_RECORD_LIMITS.weightedPerNameType) {
      problems.push(
        `${group}: ${count} weighted record sets; Route 53 allows ${ROUTE53_RECORD_LIMITS.weightedPerNameType} per name and type`,
      );
    }
  }
  return problems;
}

/** Route 53 refuses a batch that would grow a zone past its record quota; shrinking is always allowed. */
function checkZoneQuota(provider: Route53Provider, changes: readonly Change[], quota: RecordQuota): void {
  const growth = changes.reduce((sum, c) => sum + (c.action === 'create' ? 1 : c.action === 'delete' ? -1 : 0), 0);
  const total = quota.count + growth;
  if (growth <= 0 || total <= quota.limit) return;
  throw new TrafficportError(
    'PROVIDER.ZONE_QUOTA',
    `hosted zone ${provider.zone} would hold ${total} record sets (${quota.count} now, ${growth} more), ${total - quota.limit} over its quota of ${quota.limit} (${quota.source})`,
    {
      hint: "nothing was changed; ask AWS Support to raise the zone's record quota, or publish fewer services, endpoints or geographies to it",
    },
  );
}
