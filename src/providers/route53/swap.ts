import type { Change as SdkChange } from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { JsonValue } from '../../render/types.js';
import { type BatchLimits, orderChanges, ROUTE53_BATCH_LIMITS, toSdk } from './batches.js';

/**
 * One ChangeResourceRecordSets request that replaces record sets trafficport does not own with
 * its own (adopt), or its own with the ones it replaced (rolling an adoption back). Route 53
 * applies a request whole or not at all, so users get the old records or the new ones, never a
 * name with nothing at it. Foreign sets are deleted and recreated exactly as they were read
 * (Route 53's DELETE must repeat a set exactly; the bodies are the SDK's own).
 *
 * Order inside the request: `remove` first (as given: aliases before the sets they name), then
 * the owned changes in the order apply would send them, then `restore` (as given: targets before
 * the aliases that name them).
 */
export function swapRequest(
  remove: readonly JsonValue[],
  changes: readonly Change[],
  restore: readonly JsonValue[],
  zoneId: string,
  limits: BatchLimits = ROUTE53_BATCH_LIMITS,
): SdkChange[] {
  const units = orderChanges(changes, zoneId, limits);
  const request: SdkChange[] = [
    ...remove.map((body) => ({ Action: 'DELETE' as const, ResourceRecordSet: body as never })),
    ...units.flatMap((unit) => unit.changes),
    // An alias naming the ZONE placeholder (a seed file) gets the zone's id; bodies read keep theirs.
    ...restore.map((body) => ({ Action: 'CREATE' as const, ResourceRecordSet: toSdk(body, zoneId) })),
  ];
  const elements = request.reduce(
    (sum, change) => sum + (change.ResourceRecordSet?.ResourceRecords?.length ?? limits.aliasElements ?? 1),
    0,
  );
  const chars = request.reduce(
    (sum, change) =>
      sum + (change.ResourceRecordSet?.ResourceRecords ?? []).reduce((n, r) => n + (r.Value?.length ?? 0), 0),
    0,
  );
  if (elements > limits.maxElements || chars > limits.maxValueChars) {
    throw new TrafficportError(
      'ADOPT.TOO_LARGE',
      `replacing the records takes ${elements} record elements and ${chars} characters of values in one request; Route 53 takes at most ${limits.maxElements} and ${limits.maxValueChars}`,
    );
  }
  return request;
}
