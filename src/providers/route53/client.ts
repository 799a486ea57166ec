import { join } from 'node:path';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { Route53Provider } from '../../policy/types.js';
import { mockBackendAccount } from './account-pacing.js';
import { Route53Adapter } from './adapter.js';
import { createRoute53Backend, mockRequestHandler, route53StateFile } from './mock/index.js';
import {
  buildRoute53Client,
  MOCK_CLIENT_CONFIG,
  type Route53AdapterFactoryOptions,
  type Route53ClientOptions,
  type Route53Target,
  remoteTarget,
} from './sdk-client.js';

export {
  ROUTE53_ENDPOINT_ENV,
  ROUTE53_MAX_ATTEMPTS,
  type Route53ClientOptions,
} from './sdk-client.js';

/**
 * The SDK client for a provider, wherever it points: AWS, a mock on loopback (sdk-client.ts), or
 * the mock backend run in this process with file state, through the same SDK code path. This
 * module loads the mock's code; the provider kit imports it only for providers that need it.
 */
export function createRoute53Client(provider: Route53Provider, options: Route53ClientOptions): Route53Client {
  return buildRoute53Client(remoteTarget(provider, options) ?? inProcessMock(options), options);
}

export function createRoute53Adapter(provider: Route53Provider, options: Route53AdapterFactoryOptions): Route53Adapter {
  return new Route53Adapter(provider, createRoute53Client(provider, options), options.adapter);
}

function inProcessMock(options: Route53ClientOptions): Route53Target {
  const statePath = join(options.mockStateDir, 'route53.json');
  const backend =
    options.backend ??
    createRoute53Backend({
      store: route53StateFile(statePath),
      ...(options.faults === undefined ? {} : { faults: options.faults }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    });
  return {
    config: { ...MOCK_CLIENT_CONFIG, requestHandler: mockRequestHandler(backend) },
    account: options.backend === undefined ? `mock state ${statePath}` : mockBackendAccount(options.backend),
    aws: false,
  };
}
