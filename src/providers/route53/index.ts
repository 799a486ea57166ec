/**
 * The Route 53 provider: adapter, client factory and kit. Importing this loads the AWS SDK, so
 * commands import it lazily (see providers/registry.ts).
 */
export { ROUTE53_RATE_ENV } from './account-pacing.js';
export { Route53Adapter, type Route53AdapterOptions } from './adapter.js';
export { type BatchLimits, ROUTE53_BATCH_LIMITS } from './batches.js';
export {
  createRoute53Adapter,
  createRoute53Client,
  ROUTE53_ENDPOINT_ENV,
  ROUTE53_MAX_ATTEMPTS,
  type Route53ClientOptions,
} from './client.js';
export { type ForeignConflict, findForeignConflicts } from './conflicts.js';
export { route53Kit } from './kit.js';
export { createRequestPacer, type PacingRate, type RequestPacer, ROUTE53_DOCUMENTED_RATE } from './pacing.js';
