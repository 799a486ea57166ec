/** The Azure mock backend: a fake ARM endpoint for Azure DNS and Traffic Manager. See docs/mock-azure.md. */

export { GEO_REGION_GROUPS, geoCoverageChain, isGeoMappingCode } from '../../../geo/traffic-manager-hierarchy.js';
export { evaluateTrafficManager, type TrafficAnswer, type TrafficEvaluation } from './evaluate.js';
export {
  type AzureMockFaults,
  type AzureMockStats,
  type FaultKind,
  type FaultRule,
  TransportFault,
} from './faults.js';
export { type AzureMockBackend, type AzureMockOptions, createAzureMockHandler } from './handler.js';
export {
  ARM_SCOPE,
  createInProcessHttpClient,
  createMockCredential,
  inProcessClientOptions,
  MOCK_ARM_ENDPOINT,
} from './http-client.js';
export { type AzureRateLimits, DOCUMENTED_DNS_RATE_LIMITS } from './rate-limits.js';
export { type AzureMockServer, type AzureMockServerOptions, startAzureMock } from './server.js';
export {
  type AzureMockState,
  createAzureMockStore,
  emptyAzureState,
  type MonitorStatus,
  profileId,
  setEndpointHealth,
} from './state.js';
export {
  type AzureMockLimits,
  DEFAULT_AZURE_LIMITS,
  type MockHttpRequest,
  type MockHttpResponse,
} from './wire.js';
