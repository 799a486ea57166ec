/**
 * A fake Route 53 that speaks the real wire protocol (restXml, API 2013-04-01), enforces the
 * documented rules and limits, keeps its state in a StateStore and can inject faults. See
 * docs/mock-route53.md.
 */
export type { AnswerDistribution, AnswerOutcome, AnswerQuery, AnswerStep, ClientLocation } from './answer.js';
export { answerDistribution, answerer, pickOutcome } from './answer.js';
export type { AnswerRequest, Route53MockBackend, Route53MockOptions } from './backend.js';
export { createRoute53Backend, route53StateFile } from './backend.js';
export type { Route53MockCounters } from './counters.js';
export { Route53MockError } from './errors.js';
export type { FaultKind, FaultOptions } from './faults.js';
export type { GeoLocator } from './geo-ip.js';
export { locationFromMockIp, MOCK_GEO_HEADER, mockClientIp, parseClientLocation } from './geo-ip.js';
export type { RateLimitOptions, Route53MockLimits } from './limits.js';
export { DEFAULT_LIMITS, DOCUMENTED_RATE_LIMIT } from './limits.js';
export type { MockRequestHandler, MockRequestHandlerOptions } from './sdk.js';
export { mockRequestHandler } from './sdk.js';
export type { RunningRoute53Mock, StartRoute53MockOptions } from './server.js';
export { startRoute53Mock } from './server.js';
export { emptyRoute53State } from './state.js';
export type {
  MockHttpRequest,
  MockHttpResponse,
  OperationName,
  RecordSetData,
  Route53State,
  ZoneData,
} from './types.js';
export { OPERATIONS } from './types.js';
