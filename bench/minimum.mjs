// The fewest API calls a change set needs, and the least time a rate limit allows for a number of
// calls: the yardsticks the publishing benchmark holds the adapters against.

/**
 * Route 53 request limits [Developer Guide: Quotas]. Alias sets carry no ResourceRecord element,
 * but whether Route 53 counts them is undocumented: the mock and the adapter count one each (the
 * stricter reading, docs/mock-route53.md), so the fewest requests are counted that way too.
 */
const ROUTE53_MAX_ELEMENTS = 1000;
const ROUTE53_MAX_VALUE_CHARS = 32_000;
const ROUTE53_PAGE = 300;

function route53Size(body) {
  const values = body.ResourceRecords ?? [];
  const aliases = body.AliasTarget === undefined ? 0 : 1;
  return {
    elements: values.length + aliases,
    chars: values.reduce((sum, record) => sum + (record.Value?.length ?? 0), 0),
  };
}

/**
 * ChangeResourceRecordSets requests one zone's change set needs: an update is a DELETE and a
 * CREATE, and requests are bounded by elements and by value characters, whichever binds.
 */
export function route53WriteMinimum(changes) {
  let elements = 0;
  let chars = 0;
  for (const change of changes) {
    for (const body of [change.before?.body, change.after?.body]) {
      if (body === undefined) continue;
      const size = route53Size(body);
      elements += size.elements;
      chars += size.chars;
    }
  }
  if (changes.length === 0) return 0;
  return Math.max(1, Math.ceil(elements / ROUTE53_MAX_ELEMENTS), Math.ceil(chars / ROUTE53_MAX_VALUE_CHARS));
}

/**
 * Reading one zone's services: find the zone, then list every set under the services, 300 to a
 * page, and at least one page to learn there are none. The zone's own SOA and NS sets sort
 * before every name under it, so a read that starts at the first service never needs them.
 */
export function route53ReadMinimum(setsUnderServices) {
  return 1 + Math.max(1, Math.ceil(setsUnderServices / ROUTE53_PAGE));
}

/** Azure DNS lists 100 record sets to a page (the SOA and NS sets included); Traffic Manager lists a group at once. */
const AZURE_PAGE = 100;
const AZURE_ZONE_SETS = 2;

/** Reading one Azure provider: get the zone, list its record sets, list its profile group. */
export function azureReadMinimum(recordSetsInZone) {
  return 1 + Math.ceil((recordSetsInZone + AZURE_ZONE_SETS) / AZURE_PAGE) + 1;
}

/**
 * One PUT or DELETE per record set or profile that changes, plus one GET per profile update or
 * delete. Traffic Manager has no ETags and no conditional writes (api-version 2022-04-01), so an
 * update or delete that must not undo someone else's change has to read the profile first: 2
 * calls is the least a safe one takes. Record sets are guarded by If-Match / If-None-Match on the
 * write itself, and profile creates by the read's listing of the group (the adapter accepts the
 * race that leaves, see src/providers/azure/apply.ts), so each of those is 1 call.
 */
export function azureWriteMinimum(changes) {
  const guarded = (change) => change.action !== 'create' && change.key.startsWith('azure.tm-profile|');
  return changes.reduce((sum, change) => sum + (guarded(change) ? 2 : 1), 0);
}

/** A token bucket (`burst` at once, then `ratePerSecond`) needs this long to admit `calls` requests. */
export function tokenBucketSeconds(calls, { ratePerSecond, burst }) {
  return Math.max(0, calls - burst) / ratePerSecond;
}

/** Fixed windows of `perWindow` requests: the last of `calls` requests can go at the start of this window. */
export function fixedWindowSeconds(calls, perWindow, windowMs) {
  return calls === 0 ? 0 : (Math.floor((calls - 1) / perWindow) * windowMs) / 1000;
}
