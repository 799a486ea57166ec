import { invalidInput, invalidXml } from './errors.js';
import { canonicalName } from './names.js';
import { stripPrefix } from './state.js';
import type { AliasTargetData, GeoLocationData, RecordSetData } from './types.js';
import type { RawChange, RawRecordSet } from './xml-read.js';

/**
 * The checks Route 53 makes on each change before looking at the zone: the XML schema (types,
 * ranges, lengths, enumerations) and the shape of a record set. They fail with InvalidInput,
 * like the real service, which reports the first problem it finds.
 */

export type ChangeAction = 'CREATE' | 'DELETE' | 'UPSERT';

export interface ParsedChange {
  action: ChangeAction;
  recordSet: RecordSetData;
}

/** RRType enumeration of the 2013-04-01 API. */
const RR_TYPES = [
  'SOA',
  'A',
  'TXT',
  'NS',
  'CNAME',
  'MX',
  'NAPTR',
  'PTR',
  'SRV',
  'SPF',
  'AAAA',
  'CAA',
  'DS',
  'TLSA',
  'SSHFP',
  'SVCB',
  'HTTPS',
];
const ACTIONS: readonly ChangeAction[] = ['CREATE', 'DELETE', 'UPSERT'];
const ROUTING_FIELDS =
  '[Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig]';
const VALUE_FIELDS = '[AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId]';

export function parseChange(raw: RawChange): ParsedChange {
  const action = raw.action ?? '';
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw invalidXml(enumerationProblem(action, ACTIONS));
  }
  return { action: action as ChangeAction, recordSet: parseRecordSet(raw.recordSet, action) };
}

function enumerationProblem(value: string, allowed: readonly string[]): string {
  return `cvc-enumeration-valid: Value '${value}' is not facet-valid with respect to enumeration '[${allowed.join(', ')}]'. It must be a value from the enumeration.`;
}

function parseRecordSet(raw: RawRecordSet, action: string): RecordSetData {
  if (raw.name === undefined || raw.type === undefined) {
    throw invalidXml("cvc-complex-type.2.4.b: The content of element 'ResourceRecordSet' is not complete.");
  }
  if (!RR_TYPES.includes(raw.type)) throw invalidXml(enumerationProblem(raw.type, RR_TYPES));
  if (raw.unsupported.length > 0) {
    throw invalidInput(
      `The Route 53 mock does not support ${raw.unsupported.join(', ')} (only simple, weighted and geolocation routing)`,
    );
  }
  const set: RecordSetData = { name: canonicalName(raw.name), type: raw.type };
  // The name as sent, as real responses quote it (ministryofjustice/modernisation-platform#10072).
  const where = `in Change with [Action=${action}, Name=${raw.name}, Type=${set.type}, SetIdentifier=${raw.setIdentifier ?? 'null'}]`;
  if (raw.setIdentifier !== undefined) set.setIdentifier = parseSetIdentifier(raw.setIdentifier);
  if (raw.weight !== undefined) set.weight = parseInteger(raw.weight, 0, 255, 'ResourceRecordSetWeight');
  if (raw.geoLocation !== undefined) set.geoLocation = parseGeoLocation(raw.geoLocation, where);
  checkRoutingPolicy(set, where);
  if (raw.healthCheckId !== undefined) set.healthCheckId = raw.healthCheckId;
  parseValues(raw, set, where);
  return set;
}

function parseSetIdentifier(value: string): string {
  if (value.length < 1 || value.length > 128) {
    const facet = value.length < 1 ? "minLength '1'" : "maxLength '128'";
    throw invalidXml(
      `cvc-${value.length < 1 ? 'minLength' : 'maxLength'}-valid: Value '${value}' with length = '${value.length}' is not facet-valid with respect to ${facet} for type 'ResourceRecordSetIdentifier'.`,
    );
  }
  return value;
}

function parseInteger(text: string, min: number, max: number, type: string): number {
  if (!/^[+-]?\d+$/.test(text.trim())) {
    throw invalidXml(`cvc-datatype-valid.1.2.1: '${text}' is not a valid value for 'integer'.`);
  }
  const value = Number(text);
  if (value < min) {
    throw invalidXml(
      `cvc-minInclusive-valid: Value '${text}' is not facet-valid with respect to minInclusive '${min}' for type '${type}'.`,
    );
  }
  if (value > max) {
    throw invalidXml(
      `cvc-maxInclusive-valid: Value '${text}' is not facet-valid with respect to maxInclusive '${max}' for type '${type}'.`,
    );
  }
  return value;
}

/**
 * "Specifying ContinentCode with either CountryCode or SubdivisionCode returns an InvalidInput
 * error" [API Reference: GeoLocation]; the wording is the mock's own.
 */
function parseGeoLocation(raw: GeoLocationData, where: string): GeoLocationData {
  if (raw.continentCode !== undefined && (raw.countryCode !== undefined || raw.subdivisionCode !== undefined)) {
    throw invalidInput(
      `Invalid request: GeoLocation may specify ContinentCode or CountryCode (with SubdivisionCode), not both, ${where}`,
    );
  }
  const geo: GeoLocationData = {};
  if (raw.continentCode !== undefined)
    geo.continentCode = checkLength(raw.continentCode, 2, 2, 'GeoLocationContinentCode');
  if (raw.countryCode !== undefined) geo.countryCode = checkLength(raw.countryCode, 1, 2, 'GeoLocationCountryCode');
  if (raw.subdivisionCode !== undefined) {
    geo.subdivisionCode = checkLength(raw.subdivisionCode, 1, 3, 'GeoLocationSubdivisionCode');
  }
  return geo;
}

function checkLength(value: string, min: number, max: number, type: string): string {
  if (value.length >= min && value.length <= max) return value;
  const facet = min === max ? `length '${min}'` : value.length < min ? `minLength '${min}'` : `maxLength '${max}'`;
  const rule = min === max ? 'length' : value.length < min ? 'minLength' : 'maxLength';
  throw invalidXml(
    `cvc-${rule}-valid: Value '${value}' with length = '${value.length}' is not facet-valid with respect to ${facet} for type '${type}'.`,
  );
}

/** A SetIdentifier needs exactly one routing policy, and a routing policy needs a SetIdentifier. */
function checkRoutingPolicy(set: RecordSetData, where: string): void {
  const policies = (set.weight === undefined ? 0 : 1) + (set.geoLocation === undefined ? 0 : 1);
  if (set.setIdentifier === undefined && policies > 0) {
    throw invalidInput(`Invalid request: Missing field 'SetIdentifier' ${where}`);
  }
  if (set.setIdentifier !== undefined && policies !== 1) {
    throw invalidInput(
      `Invalid request: Expected exactly one of ${ROUTING_FIELDS}, but found ${policies === 0 ? 'none' : 'more than one'} ${where}`,
    );
  }
}

/** Either an alias, or TTL with at least one value — never both, never neither. */
function parseValues(raw: RawRecordSet, set: RecordSetData, where: string): void {
  const hasPlain = raw.ttl !== undefined || raw.resourceRecords !== undefined;
  const isComplete = raw.ttl !== undefined && (raw.resourceRecords?.length ?? 0) > 0;
  if (raw.aliasTarget !== undefined && hasPlain) {
    throw invalidInput(`Invalid request: Expected exactly one of ${VALUE_FIELDS}, but found more than one ${where}`);
  }
  if (raw.aliasTarget !== undefined) {
    set.aliasTarget = parseAlias(raw.aliasTarget);
    return;
  }
  if (!isComplete)
    throw invalidInput(`Invalid request: Expected exactly one of ${VALUE_FIELDS}, but found none ${where}`);
  set.ttl = parseInteger(raw.ttl ?? '', 0, 2_147_483_647, 'TTL');
  set.resourceRecords = [...(raw.resourceRecords ?? [])];
}

function parseAlias(raw: NonNullable<RawRecordSet['aliasTarget']>): AliasTargetData {
  const health = raw.evaluateTargetHealth;
  if (raw.hostedZoneId === undefined || raw.dnsName === undefined || health === undefined) {
    throw invalidXml("cvc-complex-type.2.4.b: The content of element 'AliasTarget' is not complete.");
  }
  if (health !== 'true' && health !== 'false') {
    throw invalidXml(`cvc-datatype-valid.1.2.1: '${health}' is not a valid value for 'boolean'.`);
  }
  return {
    hostedZoneId: stripPrefix(raw.hostedZoneId),
    dnsName: canonicalName(raw.dnsName),
    evaluateTargetHealth: health === 'true',
  };
}
