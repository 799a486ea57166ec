import { Route53Client, type Route53ClientConfig } from '@aws-sdk/client-route-53';
import type { Route53Provider } from '../../policy/types.js';
import { endpointOverride } from '../endpoint-override.js';
import { accountPacer, awsAccount, rateFromEnv } from './account-pacing.js';
import type { Route53AdapterOptions } from './adapter.js';
import type { FaultOptions, Route53MockBackend, Route53MockLimits } from './mock/index.js';
import { type PacingRate, type RequestPacer, ROUTE53_DOCUMENTED_RATE } from './pacing.js';
import { addPacing } from './pacing-middleware.js';

/*
 * The SDK client, pointed at AWS or at a mock served on loopback. Nothing here loads the mock
 * backend's code (XML, rules, state files): only `backend: mock` run in-process needs it, and
 * client.ts adds it. So plans against AWS start without it.
 */

/** Points the SDK at a Route 53 mock served on loopback (`trafficport mock serve`). */
export const ROUTE53_ENDPOINT_ENV = 'TRAFFICPORT_ROUTE53_ENDPOINT';

/**
 * Route 53 allows a few requests per second per account; 8 attempts with the SDK's standard
 * (exponential, jittered) back-off ride out a busy minute, where the default 3 often do not.
 */
export const ROUTE53_MAX_ATTEMPTS = 8;

/** The mock signs nothing and checks nothing; any value works, and no real secret is ever sent. */
export const MOCK_CREDENTIALS = { accessKeyId: 'AKIDTRAFFICPORTMOCK', secretAccessKey: 'trafficport-mock-secret' };

/**
 * A mock's client is given every setting the SDK would otherwise look up in the user's AWS
 * configuration (AWS_* variables, ~/.aws/config and ~/.aws/credentials: FIPS, dual-stack, auth
 * scheme, app id, defaults mode, clock-skew correction), each at the SDK's own default, and ignores
 * configured endpoint URLs (AWS_ENDPOINT_URL…): the mock is where its requests go. A mock answers
 * the same whatever those settings say; a FIPS setting meant for AWS made the SDK refuse the mock's
 * endpoint ("FIPS and custom endpoint are not supported"); and a plan against a mock now reads
 * neither of the user's files, which also saves start-up work (issue 18; test/cli/light-paths.test.ts).
 */
export const MOCK_CLIENT_CONFIG = {
  credentials: MOCK_CREDENTIALS,
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  authSchemePreference: [],
  userAgentAppId: () => Promise.resolve(undefined),
  defaultsMode: 'legacy',
  disableClockSkewCorrection: false,
  ignoreConfiguredEndpointUrls: true,
} satisfies Partial<Route53ClientConfig>;

export interface Route53ClientOptions {
  /** Directory for the mock backend's state: `<mockStateDir>/route53.json`. */
  readonly mockStateDir: string;
  /** Faults the mock backend injects (backend: mock only). */
  readonly faults?: FaultOptions;
  /** Limits of the in-process mock backend other than the documented ones (backend: mock only). */
  readonly limits?: Partial<Route53MockLimits>;
  /** Environment to read ROUTE53_ENDPOINT_ENV and ROUTE53_RATE_ENV from; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Use this mock backend instead of the file-backed one (tests, shared in-process state). */
  readonly backend?: Route53MockBackend;
  /** SDK configuration on top of trafficport's (tests pass a retry strategy without delays). */
  readonly clientConfig?: Partial<Route53ClientConfig>;
  /**
   * The account's request rate, shared with every client of the same account in this process,
   * or false for none. Default: ROUTE53_RATE_ENV if set, else ROUTE53_DOCUMENTED_RATE against
   * AWS and no pacing against the mocks (which limit nothing unless asked to).
   */
  readonly pacing?: PacingRate | false;
  /** Pace with this very pacer instead (tests: a fake clock). */
  readonly pacer?: RequestPacer;
  /** Send the default chain's credentials to ROUTE53_ENDPOINT_ENV (see endpoint-override.ts). */
  readonly sendCredentialsToEndpoint?: boolean;
}

export type Route53AdapterFactoryOptions = Route53ClientOptions & { readonly adapter?: Route53AdapterOptions };

/** Where a client sends its requests, and which account's rate limit that draws on. */
export interface Route53Target {
  readonly config: Partial<Route53ClientConfig>;
  readonly account: string;
  readonly aws: boolean;
}

/**
 * AWS (the default credential chain: AWS_PROFILE, environment, SSO, instance roles; never given
 * credentials here), or the endpoint variable's mock on loopback with fake credentials; undefined
 * when the provider's mock must run in this process.
 */
export function remoteTarget(provider: Route53Provider, options: Route53ClientOptions): Route53Target | undefined {
  const env = options.env ?? process.env;
  const override = endpointOverride({
    variable: ROUTE53_ENDPOINT_ENV,
    value: env[ROUTE53_ENDPOINT_ENV],
    realBackend: provider.backend !== 'mock',
    sendCredentials: options.sendCredentialsToEndpoint === true,
    protocols: ['http:', 'https:'],
    example: 'http://127.0.0.1:4566',
  });
  if (override?.realCredentials) {
    return { config: { endpoint: override.url }, account: `${awsAccount(env)} via ${override.url}`, aws: true };
  }
  if (override !== undefined) {
    return {
      config: { ...MOCK_CLIENT_CONFIG, endpoint: override.url },
      account: `endpoint ${override.url}`,
      aws: false,
    };
  }
  if (provider.backend === 'mock') return undefined;
  return { config: {}, account: awsAccount(env), aws: true };
}

/** The SDK client for a target, paced per account. */
export function buildRoute53Client(target: Route53Target, options: Route53ClientOptions): Route53Client {
  const client = new Route53Client({
    region: 'us-east-1',
    maxAttempts: ROUTE53_MAX_ATTEMPTS,
    retryMode: 'standard',
    ...target.config,
    ...options.clientConfig,
  });
  const pacer = options.pacer ?? pacerFor(target, options);
  if (pacer !== undefined) addPacing(client, pacer);
  return client;
}

function pacerFor(target: Route53Target, options: Route53ClientOptions): RequestPacer | undefined {
  const rate = options.pacing ?? rateFromEnv(options.env ?? process.env) ?? (target.aws && ROUTE53_DOCUMENTED_RATE);
  return rate === false ? undefined : accountPacer(target.account, rate);
}
