import { ENDPOINT, type Operation, type OperationRequest } from './context.js';
import { invalidInput, invalidXml, noSuchHostedZone, Route53MockError } from './errors.js';
import { markerStartIndex, parseMaxItems, takePage, zoneNameStartIndex, zonesByName } from './list.js';
import { canonicalName, nameProblem } from './names.js';
import {
  apexRecordSets,
  assignNameServers,
  findZone,
  nextId,
  recordChange,
  recordSetKey,
  sortRecordSets,
} from './state.js';
import type { Route53State, ZoneData } from './types.js';
import { readCreateHostedZone } from './xml-read.js';
import { changeInfoXml, delegationSetXml, hostedZoneXml, listOf, xmlDocument } from './xml-write.js';

/** Hosted zone operations [API Reference: CreateHostedZone, GetHostedZone, ListHostedZones, …]. */

const DEFAULT_ZONE_PAGE = 100;

function requireZone(state: Route53State, id: string | undefined): ZoneData {
  const zone = findZone(state, id ?? '');
  if (!zone) throw noSuchHostedZone(id ?? '');
  return zone;
}

export const createHostedZone: Operation = async (context, request) => {
  const input = readCreateHostedZone(request.body);
  if (input.name === undefined || input.callerReference === undefined) {
    throw invalidXml("cvc-complex-type.2.4.b: The content of element 'CreateHostedZoneRequest' is not complete.");
  }
  const name = canonicalName(input.name);
  if (nameProblem(name)) throw new Route53MockError('InvalidDomainName', `${input.name} is not a valid domain name.`);
  const callerReference = input.callerReference;
  const now = context.now();
  const { zone, change } = await context.store.update((state) => {
    if (Object.values(state.zones).some((existing) => existing.callerReference === callerReference)) {
      throw new Route53MockError(
        'HostedZoneAlreadyExists',
        `A hosted zone has already been created with the specified caller reference: ${callerReference}`,
        409,
      );
    }
    const id = nextId(state, 'Z');
    const nameServers = assignNameServers(state.sequence);
    const created: ZoneData = {
      id,
      name,
      callerReference,
      privateZone: input.privateZone,
      nameServers,
      recordSets: sortRecordSets(apexRecordSets(name, nameServers)),
      pendingUntil: now + context.propagationMs,
      ...(input.comment === undefined ? {} : { comment: input.comment }),
    };
    state.zones[id] = created;
    return { zone: created, change: recordChange(state, now, context.propagationMs, context.limits.changeHistory) };
  });
  const body = xmlDocument('CreateHostedZoneResponse', {
    HostedZone: hostedZoneXml(zone),
    ChangeInfo: changeInfoXml(change, now),
    DelegationSet: delegationSetXml(zone),
  });
  return { status: 201, body, headers: { location: `${ENDPOINT}/2013-04-01/hostedzone/${zone.id}` } };
};

export const getHostedZone: Operation = async (context, request) => {
  const zone = requireZone(await context.store.read(), request.id);
  const body = xmlDocument('GetHostedZoneResponse', {
    HostedZone: hostedZoneXml(zone),
    DelegationSet: delegationSetXml(zone),
  });
  return { status: 200, body };
};

export const listHostedZones: Operation = async (context, request) => {
  const { marker, maxitems } = request.query;
  const maxItems = parseMaxItems(maxitems, DEFAULT_ZONE_PAGE, DEFAULT_ZONE_PAGE);
  const zones = Object.values((await context.store.read()).zones);
  const page = takePage(zones, markerStartIndex(zones, marker), maxItems);
  const body = xmlDocument('ListHostedZonesResponse', {
    HostedZones: listOf('HostedZone', page.items.map(hostedZoneXml)),
    Marker: marker ?? '',
    IsTruncated: page.next !== undefined,
    NextMarker: page.next?.id,
    MaxItems: maxItems,
  });
  return { status: 200, body };
};

export const listHostedZonesByName: Operation = async (context, request: OperationRequest) => {
  const { dnsname, hostedzoneid, maxitems } = request.query;
  const maxItems = parseMaxItems(maxitems, DEFAULT_ZONE_PAGE, DEFAULT_ZONE_PAGE);
  const sorted = zonesByName(Object.values((await context.store.read()).zones));
  const page = takePage(sorted, zoneNameStartIndex(sorted, dnsname, hostedzoneid), maxItems);
  const body = xmlDocument('ListHostedZonesByNameResponse', {
    HostedZones: listOf('HostedZone', page.items.map(hostedZoneXml)),
    DNSName: dnsname === undefined ? undefined : canonicalName(dnsname),
    HostedZoneId: hostedzoneid,
    IsTruncated: page.next !== undefined,
    NextDNSName: page.next?.name,
    NextHostedZoneId: page.next?.id,
    MaxItems: maxItems,
  });
  return { status: 200, body };
};

/** Only a zone holding nothing but its own SOA and NS sets can be deleted. */
export const deleteHostedZone: Operation = async (context, request) => {
  const now = context.now();
  const change = await context.store.update((state) => {
    const zone = requireZone(state, request.id);
    const required = new Set([
      recordSetKey({ name: zone.name, type: 'SOA' }),
      recordSetKey({ name: zone.name, type: 'NS' }),
    ]);
    if (zone.recordSets.some((set) => !required.has(recordSetKey(set)))) {
      throw new Route53MockError(
        'HostedZoneNotEmpty',
        'The hosted zone contains resource records that are not SOA or NS records.',
      );
    }
    delete state.zones[zone.id];
    return recordChange(state, now, context.propagationMs, context.limits.changeHistory);
  });
  return { status: 200, body: xmlDocument('DeleteHostedZoneResponse', { ChangeInfo: changeInfoXml(change, now) }) };
};

/**
 * GetHostedZoneLimit [API Reference]: `MAX_RRSETS_BY_ZONE` is the zone's record-set quota (the
 * mock's `limits.maxRecordSetsPerZone`, default 10,000 as documented in the Developer Guide's
 * "Quotas on records"; raisable per zone through AWS Support) and `Count` the record sets it
 * holds, SOA and NS included (the same count the quota is enforced on). `MAX_VPCS_ASSOCIATED_BY_ZONE`
 * applies to private zones only (documented default 300); asked of a public zone it is
 * HostedZoneNotPrivate.
 */
export const getHostedZoneLimit: Operation = async (context, request) => {
  const zone = requireZone(await context.store.read(), request.id);
  const type = request.sub ?? '';
  let limit: { value: number; count: number };
  if (type === 'MAX_RRSETS_BY_ZONE') {
    limit = { value: context.limits.maxRecordSetsPerZone, count: zone.recordSets.length };
  } else if (type === 'MAX_VPCS_ASSOCIATED_BY_ZONE') {
    if (!zone.privateZone) {
      throw new Route53MockError(
        'HostedZoneNotPrivate',
        'The specified hosted zone is a public hosted zone, not a private hosted zone.',
      );
    }
    limit = { value: 300, count: 0 };
  } else {
    throw invalidInput(
      `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [MAX_RRSETS_BY_ZONE, MAX_VPCS_ASSOCIATED_BY_ZONE]`,
    );
  }
  const body = xmlDocument('GetHostedZoneLimitResponse', {
    Limit: { Type: type, Value: limit.value },
    Count: limit.count,
  });
  return { status: 200, body };
};
