import {
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandInput,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import {
  canonicalRecordSet,
  type Route53RecordSet,
  recordSetResource,
  withoutUndefined,
} from '../../render/route53-body.js';
import { compareText, isOwnedIdentifier, route53Name, ZONE_PLACEHOLDER } from '../../render/route53-names.js';
import type { Resource } from '../../render/types.js';
import type { ForeignRecord } from '../types.js';
import type { CallMeter } from './meter.js';
import type { Route53Sender } from './zone.js';

/** Route 53's page ceiling for ListResourceRecordSets. */
export const PAGE_SIZE = 300;
/** 300 pages of 300 is 90,000 sets, nine times the default zone quota: past it, paging is broken. */
const MAX_PAGES = 300;

type Start = Pick<ListResourceRecordSetsCommandInput, 'StartRecordName' | 'StartRecordType' | 'StartRecordIdentifier'>;

/**
 * Every record set at `service` or below it. Route 53 lists by name with the labels reversed
 * (`com.example.www.`), compared as text; the names at or under www.example.com are exactly
 * those whose reversed form starts with `com.example.www.`, and strings sharing a prefix are
 * contiguous in any lexicographic order, with the prefix itself first. So listing from the
 * service name and stopping at the first name outside the subtree reads it completely.
 *
 * Paging is defensive: a page that repeats a set already seen, a truncated page that does not
 * advance, or an endless listing ends in PROVIDER.PAGING rather than a loop or duplicates.
 */
export async function listSubtree(
  client: Route53Sender,
  meter: CallMeter,
  zoneId: string,
  service: string,
): Promise<ResourceRecordSet[]> {
  const root = route53Name(service);
  const inside = (name: string | undefined) => name !== undefined && isAtOrBelow(route53Name(name), root);
  const seen = new Set<string>();
  const sets: ResourceRecordSet[] = [];
  let start: Start = { StartRecordName: root };
  for (let page = 1; page <= MAX_PAGES; page++) {
    const current = start;
    const response = await meter.call('ListResourceRecordSets', () =>
      client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: PAGE_SIZE, ...current })),
    );
    const items = response.ResourceRecordSets ?? [];
    for (const set of items) {
      if (!inside(set.Name)) return sets;
      const identity = setIdentity(set);
      if (seen.has(identity)) throw pagingError(service, `the listing returned ${identity} twice`);
      seen.add(identity);
      sets.push(set);
    }
    if (response.IsTruncated !== true) return sets;
    if (items.length === 0) throw pagingError(service, 'a truncated page held no record sets');
    start = nextStart(response);
    if (!inside(start.StartRecordName)) return sets;
    if (sameStart(start, current)) throw pagingError(service, 'the next-page token did not advance');
  }
  throw pagingError(service, `the listing did not end after ${MAX_PAGES} pages`);
}

function nextStart(response: {
  NextRecordName?: string | undefined;
  NextRecordType?: string | undefined;
  NextRecordIdentifier?: string | undefined;
}): Start {
  return {
    ...(response.NextRecordName === undefined ? {} : { StartRecordName: response.NextRecordName }),
    ...(response.NextRecordType === undefined
      ? {}
      : { StartRecordType: response.NextRecordType as Start['StartRecordType'] }),
    ...(response.NextRecordIdentifier === undefined ? {} : { StartRecordIdentifier: response.NextRecordIdentifier }),
  };
}

function sameStart(a: Start, b: Start): boolean {
  return (
    route53Name(a.StartRecordName ?? '') === route53Name(b.StartRecordName ?? '') &&
    a.StartRecordType === b.StartRecordType &&
    a.StartRecordIdentifier === b.StartRecordIdentifier
  );
}

function pagingError(service: string, problem: string): TrafficportError {
  return new TrafficportError('PROVIDER.PAGING', `Route 53 paging broke while reading ${service}: ${problem}`, {
    hint: 'nothing was changed; run the command again, and report it if it repeats',
  });
}

export function isAtOrBelow(name: string, root: string): boolean {
  return name === root || name.endsWith(`.${root}`);
}

function setIdentity(set: ResourceRecordSet): string {
  return `${route53Name(set.Name ?? '')} ${set.Type} ${set.SetIdentifier ?? '(no set identifier)'}`;
}

export interface SortedSets {
  readonly resources: Resource[];
  readonly foreign: ForeignRecord[];
}

/**
 * Owned sets (SetIdentifier `tp:…`) become Resources in exactly the renderer's form: the alias
 * target of the zone itself reads back as the ZONE placeholder. Everything else is foreign.
 */
export function sortSets(sets: readonly ResourceRecordSet[], zoneId: string): SortedSets {
  const resources = new Map<string, Resource>();
  const foreign = new Map<string, ForeignRecord>();
  for (const set of sets) {
    if (isOwnedIdentifier(set.SetIdentifier)) {
      const resource = recordSetResource(fromSdk(set, zoneId));
      resources.set(resource.key, resource);
    } else {
      const name = route53Name(set.Name ?? '');
      const record: ForeignRecord = {
        name,
        type: String(set.Type),
        ...(set.SetIdentifier === undefined ? {} : { setIdentifier: set.SetIdentifier }),
      };
      foreign.set(`${name}|${record.type}|${set.SetIdentifier ?? ''}`, record);
    }
  }
  return {
    resources: [...resources.values()].sort((a, b) => compareText(a.key, b.key)),
    foreign: [...foreign].sort(([a], [b]) => compareText(a, b)).map(([, record]) => record),
  };
}

function fromSdk(set: ResourceRecordSet, zoneId: string): Route53RecordSet {
  const plain = canonicalRecordSet(withoutUndefined(set) as Route53RecordSet);
  const alias = plain.AliasTarget;
  if (alias === undefined || alias.HostedZoneId !== zoneId) return plain;
  return { ...plain, AliasTarget: { ...alias, HostedZoneId: ZONE_PLACEHOLDER } };
}
