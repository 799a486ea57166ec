import { join } from 'node:path';
import { Route53Client, type Route53ClientConfig } from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { Route53Provider } from '../../policy/types.js';
import { Route53Adapter, type Route53AdapterOptions } from './adapter.js';
import {
  createRoute53Backend,
  type FaultOptions,
  mockRequestHandler,
  type Route53MockBackend,
  route53StateFile,
} from './mock/index.js';

/** Points the SDK at a Route 53 mock served on loopback (`trafficport mock serve`). */
export const ROUTE53_ENDPOINT_ENV = 'TRAFFICPORT_ROUTE53_ENDPOINT';

/**
 * Route 53 allows a few requests per second per account; 8 attempts with the SDK's standard
 * (exponential, jittered) back-off ride out a busy minute, where the default 3 often do not.
 */
export const ROUTE53_MAX_ATTEMPTS = 8;

/** The mock signs nothing and checks nothing; any value works, and no real secret is ever sent. */
const MOCK_CREDENTIALS = { accessKeyId: 'AKIDTRAFFICPORTMOCK', secretAccessKey: 'trafficport-mock-secret' };

export interface Route53ClientOptions {
  /** Directory for the mock backend's state: `<mockStateDir>/route53.json`. */
  readonly mockStateDir: string;
  /** Faults the mock backend injects (backend: mock only). */
  readonly faults?: FaultOptions;
  /** Environment to read ROUTE53_ENDPOINT_ENV from; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Use this mock backend instead of the file-backed one (tests, shared in-process state). */
  readonly backend?: Route53MockBackend;
  /** SDK configuration on top of trafficport's (tests pass a retry strategy without delays). */
  readonly clientConfig?: Partial<Route53ClientConfig>;
}

/**
 * The SDK client for a provider. `backend: aws` uses the default credential chain (AWS_PROFILE,
 * environment, SSO, instance roles) and is never given credentials here; `backend: mock` runs
 * the mock in-process with file state, through the same SDK code path; the endpoint variable
 * sends either to a mock on loopback with fake credentials.
 */
export function createRoute53Client(provider: Route53Provider, options: Route53ClientOptions): Route53Client {
  const base: Route53ClientConfig = {
    region: 'us-east-1',
    maxAttempts: ROUTE53_MAX_ATTEMPTS,
    retryMode: 'standard',
  };
  const endpoint = (options.env ?? process.env)[ROUTE53_ENDPOINT_ENV];
  if (endpoint !== undefined && endpoint !== '') {
    return new Route53Client({
      ...base,
      endpoint: loopbackUrl(endpoint),
      credentials: MOCK_CREDENTIALS,
      ...options.clientConfig,
    });
  }
  if (provider.backend === 'mock') {
    const backend =
      options.backend ??
      createRoute53Backend({
        store: route53StateFile(join(options.mockStateDir, 'route53.json')),
        ...(options.faults === undefined ? {} : { faults: options.faults }),
      });
    return new Route53Client({
      ...base,
      credentials: MOCK_CREDENTIALS,
      requestHandler: mockRequestHandler(backend),
      ...options.clientConfig,
    });
  }
  return new Route53Client({ ...base, ...options.clientConfig });
}

export function createRoute53Adapter(
  provider: Route53Provider,
  options: Route53ClientOptions & { readonly adapter?: Route53AdapterOptions },
): Route53Adapter {
  return new Route53Adapter(provider, createRoute53Client(provider, options), options.adapter);
}

/** Only http(s) URLs; anything else is a typo that would otherwise surface as a DNS error. */
function loopbackUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TrafficportError('PROVIDER.BAD_ENDPOINT', `${ROUTE53_ENDPOINT_ENV} is not an http(s) URL: '${text}'`, {
      hint: 'use the URL `trafficport mock serve` prints, e.g. http://127.0.0.1:4566, or unset the variable',
    });
  }
  return url.toString().replace(/\/$/, '');
}
