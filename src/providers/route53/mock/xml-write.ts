import { XMLBuilder } from 'fast-xml-parser';
import type { Route53MockError } from './errors.js';
import { changeStatus } from './state.js';
import type { ChangeData, HealthCheckData, RecordSetData, ZoneData } from './types.js';

/** Plain objects → the restXml documents of API version 2013-04-01. */

export const NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

type XmlValue = string | number | boolean | undefined | XmlObject | XmlObject[];
interface XmlObject {
  [element: string]: XmlValue;
}

/** A whole response document: declaration, root element with the Route 53 namespace. */
export function xmlDocument(root: string, content: XmlObject): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [root]: { '@_xmlns': NAMESPACE, ...content },
  }) as string;
}

/**
 * The error document the JavaScript SDK can read. Real Route 53 sometimes answers
 * InvalidChangeBatch with an `<InvalidChangeBatch><Messages>` root, which SDK v3 surfaces as
 * `Unknown`; the `ErrorResponse` shape (also sent by the real service) gives callers the right
 * name. `messages` mirrors the SDK model member of InvalidChangeBatch so `error.messages` is set.
 */
export function errorDocument(error: Route53MockError, requestId: string): string {
  const messages = error.messages.length > 0 ? { messages: { Message: error.messages.map(textNode) } } : {};
  return xmlDocument('ErrorResponse', {
    Error: { Type: error.type, Code: error.code, Message: error.message, ...messages },
    RequestId: requestId,
  });
}

/** Wraps a text so the builder treats it as one repeated element, not a list of characters. */
function textNode(value: string): XmlObject {
  return { '#text': value };
}

export function changeInfoXml(change: ChangeData, now: number): XmlObject {
  return {
    Id: `/change/${change.id}`,
    Status: changeStatus(change, now),
    SubmittedAt: change.submittedAt,
    Comment: change.comment,
  };
}

export function hostedZoneXml(zone: ZoneData): XmlObject {
  return {
    Id: `/hostedzone/${zone.id}`,
    Name: zone.name,
    CallerReference: zone.callerReference,
    Config: { Comment: zone.comment, PrivateZone: zone.privateZone },
    ResourceRecordSetCount: zone.recordSets.length,
  };
}

export function delegationSetXml(zone: ZoneData): XmlObject {
  return { NameServers: { NameServer: zone.nameServers.map(textNode) } };
}

export function recordSetXml(set: RecordSetData): XmlObject {
  const geo = set.geoLocation;
  const alias = set.aliasTarget;
  return {
    Name: set.name,
    Type: set.type,
    SetIdentifier: set.setIdentifier,
    Weight: set.weight,
    GeoLocation: geo
      ? { ContinentCode: geo.continentCode, CountryCode: geo.countryCode, SubdivisionCode: geo.subdivisionCode }
      : undefined,
    TTL: set.ttl,
    ResourceRecords: set.resourceRecords
      ? { ResourceRecord: set.resourceRecords.map((value) => ({ Value: value })) }
      : undefined,
    AliasTarget: alias
      ? { HostedZoneId: alias.hostedZoneId, DNSName: alias.dnsName, EvaluateTargetHealth: alias.evaluateTargetHealth }
      : undefined,
    HealthCheckId: set.healthCheckId,
  };
}

export function healthCheckXml(check: HealthCheckData): XmlObject {
  return {
    Id: check.id,
    CallerReference: check.callerReference,
    HealthCheckConfig: check.config as XmlObject,
    HealthCheckVersion: check.version,
  };
}

export function listOf(element: string, items: XmlObject[]): XmlObject {
  return { [element]: items };
}
