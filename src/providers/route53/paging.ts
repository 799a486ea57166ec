import {
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandInput,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import { route53Name } from '../../render/route53-names.js';
import type { CallMeter } from './meter.js';
import type { Route53Sender } from './zone.js';

/** Route 53's page ceiling for ListResourceRecordSets. */
export const PAGE_SIZE = 300;

export type Start = Pick<
  ListResourceRecordSetsCommandInput,
  'StartRecordName' | 'StartRecordType' | 'StartRecordIdentifier'
>;

/** A set as listed, with its name in route53Name form (compared many times, computed once). */
export interface ListedSet {
  readonly set: ResourceRecordSet;
  readonly name: string;
}

export interface Page {
  readonly items: readonly ListedSet[];
  /** Where the next page starts; undefined when this page ends the listing. */
  readonly next: Start | undefined;
}

/**
 * One ListResourceRecordSets call from `start`. A truncated page that holds nothing, or whose
 * next-page token is the start it was asked for, cannot make progress: PROVIDER.PAGING.
 */
export async function listPage(
  client: Route53Sender,
  meter: CallMeter,
  zoneId: string,
  start: Start,
  reading: string,
): Promise<Page> {
  const response = await meter.call('ListResourceRecordSets', () =>
    client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: PAGE_SIZE, ...start })),
  );
  const items = (response.ResourceRecordSets ?? []).map((set) => ({ set, name: route53Name(set.Name ?? '') }));
  if (response.IsTruncated !== true) return { items, next: undefined };
  if (items.length === 0) throw pagingError(reading, 'a truncated page held no record sets');
  const next = nextStart(response);
  if (sameStart(next, start)) throw pagingError(reading, 'the next-page token did not advance');
  return { items, next };
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

export function pagingError(service: string, problem: string): TrafficportError {
  return new TrafficportError('PROVIDER.PAGING', `Route 53 paging broke while reading ${service}: ${problem}`, {
    hint: 'nothing was changed; run the command again, and report it if it repeats',
  });
}

/** What identifies a set in a zone: name, type and SetIdentifier. */
export function setIdentity(listed: ListedSet): string {
  return `${listed.name} ${listed.set.Type} ${listed.set.SetIdentifier ?? '(no set identifier)'}`;
}
