import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalidXml, Route53MockError } from './errors.js';

/**
 * Request bodies → plain objects with the texts as sent. Nothing is validated here beyond "is
 * it the document Route 53 expects"; rules.ts decides what the values mean.
 */

/** Element names whose children are lists even when only one child is present. */
const LIST_ELEMENTS = new Set(['Change', 'ResourceRecord', 'ChildHealthCheck', 'Region', 'Tag']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => LIST_ELEMENTS.has(name),
});

type XmlNode = Record<string, unknown>;

/** Routing features the SDK can send that the mock does not model; it refuses them plainly. */
const UNSUPPORTED_FIELDS = [
  'Region',
  'Failover',
  'MultiValueAnswer',
  'CidrRoutingConfig',
  'GeoProximityLocation',
  'TrafficPolicyInstanceId',
] as const;

export interface RawGeoLocation {
  continentCode?: string;
  countryCode?: string;
  subdivisionCode?: string;
}

export interface RawAliasTarget {
  hostedZoneId?: string;
  dnsName?: string;
  evaluateTargetHealth?: string;
}

export interface RawRecordSet {
  name?: string;
  type?: string;
  setIdentifier?: string;
  weight?: string;
  geoLocation?: RawGeoLocation;
  ttl?: string;
  resourceRecords?: string[];
  aliasTarget?: RawAliasTarget;
  healthCheckId?: string;
  /** Elements present that the mock does not support (e.g. `Failover`). */
  unsupported: string[];
}

export interface RawChange {
  action?: string;
  recordSet: RawRecordSet;
}

export interface RawChangeBatch {
  comment?: string;
  changes: RawChange[];
}

export function parseDocument(body: string, root: string): XmlNode {
  if (XMLValidator.validate(body) !== true) {
    throw new Route53MockError('MalformedInput', `Could not parse request body as XML, expected ${root}`);
  }
  const document = parser.parse(body) as XmlNode;
  const node = document[root];
  if (!isNode(node)) {
    throw new Route53MockError('MalformedInput', `${root} is not valid, expected ${root}`);
  }
  return node;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? undefined : String(value);
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  if (value === '') return {};
  return isNode(value) ? value : undefined;
}

function list(node: XmlNode | undefined, name: string): unknown[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

/** Sets a key only when the text is present, as exactOptionalPropertyTypes requires. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function readRecordSet(node: XmlNode): RawRecordSet {
  const set: RawRecordSet = { unsupported: UNSUPPORTED_FIELDS.filter((field) => node[field] !== undefined) };
  put(set, 'name', text(node.Name));
  put(set, 'type', text(node.Type));
  put(set, 'setIdentifier', text(node.SetIdentifier));
  put(set, 'weight', text(node.Weight));
  put(set, 'ttl', text(node.TTL));
  put(set, 'healthCheckId', text(node.HealthCheckId));
  const geo = child(node, 'GeoLocation');
  if (geo) {
    const location: RawGeoLocation = {};
    put(location, 'continentCode', text(geo.ContinentCode));
    put(location, 'countryCode', text(geo.CountryCode));
    put(location, 'subdivisionCode', text(geo.SubdivisionCode));
    set.geoLocation = location;
  }
  const alias = child(node, 'AliasTarget');
  if (alias) {
    const target: RawAliasTarget = {};
    put(target, 'hostedZoneId', text(alias.HostedZoneId));
    put(target, 'dnsName', text(alias.DNSName));
    put(target, 'evaluateTargetHealth', text(alias.EvaluateTargetHealth));
    set.aliasTarget = target;
  }
  if (node.ResourceRecords !== undefined) {
    const records = list(child(node, 'ResourceRecords'), 'ResourceRecord');
    set.resourceRecords = records.map((record) => (isNode(record) ? (text(record.Value) ?? '') : ''));
  }
  return set;
}

export function readChangeBatch(body: string): RawChangeBatch {
  const request = parseDocument(body, 'ChangeResourceRecordSetsRequest');
  const batch = child(request, 'ChangeBatch');
  if (!batch)
    throw invalidXml(
      "cvc-complex-type.2.4.b: The content of element 'ChangeResourceRecordSetsRequest' is not complete.",
    );
  const changes = list(child(batch, 'Changes'), 'Change').map((change): RawChange => {
    const node = isNode(change) ? change : {};
    const raw: RawChange = { recordSet: readRecordSet(child(node, 'ResourceRecordSet') ?? {}) };
    put(raw, 'action', text(node.Action));
    return raw;
  });
  if (changes.length === 0)
    throw invalidXml("cvc-complex-type.2.4.b: The content of element 'Changes' is not complete.");
  const result: RawChangeBatch = { changes };
  put(result, 'comment', text(batch.Comment));
  return result;
}

export interface CreateHostedZoneInput {
  name?: string;
  callerReference?: string;
  comment?: string;
  privateZone: boolean;
}

export function readCreateHostedZone(body: string): CreateHostedZoneInput {
  const request = parseDocument(body, 'CreateHostedZoneRequest');
  const config = child(request, 'HostedZoneConfig');
  const input: CreateHostedZoneInput = {
    privateZone: text(config?.PrivateZone) === 'true' || request.VPC !== undefined,
  };
  put(input, 'name', text(request.Name));
  put(input, 'callerReference', text(request.CallerReference));
  put(input, 'comment', text(config?.Comment));
  return input;
}

export interface CreateHealthCheckInput {
  callerReference?: string;
  config: Record<string, unknown>;
}

export function readCreateHealthCheck(body: string): CreateHealthCheckInput {
  const request = parseDocument(body, 'CreateHealthCheckRequest');
  const input: CreateHealthCheckInput = { config: child(request, 'HealthCheckConfig') ?? {} };
  put(input, 'callerReference', text(request.CallerReference));
  return input;
}
