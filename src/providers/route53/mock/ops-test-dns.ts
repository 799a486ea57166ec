import { answerDistribution, type ClientLocation, pickOutcome } from './answer.js';
import type { Operation, OperationContext, OperationRequest } from './context.js';
import { invalidInput, noSuchHostedZone } from './errors.js';
import { locationFromMockIp, MOCK_GEO_HEADER, parseClientLocation } from './geo-ip.js';
import { canonicalName } from './names.js';
import { findZone } from './state.js';
import { xmlDocument } from './xml-write.js';

/**
 * TestDNSAnswer [API Reference: TestDNSAnswer]: what Route 53 would answer for a name and type
 * from a client. Weighted groups are sampled with the backend's seeded generator, so repeated
 * calls follow the weights and the same seed gives the same sequence.
 */

/** Where the client is: the mock header first, then the client subnet, then the resolver. */
export function clientLocation(context: OperationContext, request: OperationRequest): ClientLocation | undefined {
  const hint = request.headers[MOCK_GEO_HEADER];
  if (hint !== undefined) {
    const parsed = parseClientLocation(hint);
    if (!parsed) throw invalidInput(`${MOCK_GEO_HEADER} must be a country code or US-<state>, got '${hint}'`);
    return parsed;
  }
  for (const ip of [request.query.edns0clientsubnetip, request.query.resolverip]) {
    if (ip === undefined) continue;
    const located = locationFromMockIp(ip) ?? context.geoLocate?.(ip);
    if (located) return located;
  }
  return undefined;
}

export const testDnsAnswer: Operation = async (context, request) => {
  const { hostedzoneid, recordname, recordtype } = request.query;
  if (hostedzoneid === undefined || recordname === undefined || recordtype === undefined) {
    throw invalidInput('The input is not valid: hostedzoneid, recordname and recordtype are required');
  }
  const state = await context.store.read();
  const zone = findZone(state, hostedzoneid);
  if (!zone) throw noSuchHostedZone(hostedzoneid);
  const location = clientLocation(context, request);
  const distribution = answerDistribution(state, zone, {
    name: recordname,
    type: recordtype,
    ...(location === undefined ? {} : { location }),
  });
  const outcome = pickOutcome(distribution, context.random());
  const body = xmlDocument('TestDNSAnswerResponse', {
    Nameserver: (zone.nameServers[0] ?? '').replace(/\.$/, ''),
    RecordName: canonicalName(recordname),
    RecordType: recordtype,
    RecordData: { RecordDataEntry: (outcome?.recordData ?? []).map((value) => ({ '#text': value })) },
    ResponseCode: distribution.responseCode,
    Protocol: 'UDP',
  });
  return { status: 200, body };
};
