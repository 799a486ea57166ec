import { TrafficportError } from '../../errors.js';
import { renderRoute53 } from '../../render/route53.js';
import { endpointValues, type RecordType } from '../../render/route53-type.js';
import { ROUTE53_TOLERANCE } from '../../resolver/route53-compare.js';
import { route53Distributions } from '../../resolver/route53-distributions.js';
import { mockFaults, mockLimits } from '../mock-faults.js';
import type { ProviderKit } from '../types.js';
import { Route53Adapter } from './adapter.js';
import { route53QuotaUsage } from './health-checks.js';
import type { FaultOptions } from './mock/faults.js';
import type { Route53MockLimits } from './mock/limits.js';
import { preflightRoute53 } from './preflight.js';
import { buildRoute53Client, remoteTarget } from './sdk-client.js';

/** Route 53 for the provider registry: loaded on demand, so only Route 53 users load its SDK. */
export const route53Kit: ProviderKit = {
  render: renderRoute53,
  async createAdapter(provider, options) {
    if (provider.type !== 'route53') {
      throw new TrafficportError('PROVIDER.WRONG_KIT', `provider '${provider.id}' is ${provider.type}, not route53`);
    }
    const faults = mockFaults(options.env, 'route53') as FaultOptions | undefined;
    const limits = mockLimits(options.env, 'route53') as Partial<Route53MockLimits> | undefined;
    const clientOptions = {
      mockStateDir: options.mockStateDir,
      env: options.env,
      sendCredentialsToEndpoint: options.sendCredentialsToEndpoint === true,
      ...(faults ? { faults } : {}),
      ...(limits ? { limits } : {}),
    };
    const remote = remoteTarget(provider, clientOptions);
    const where = `route53 ${remote === undefined ? `mock ${options.mockStateDir}` : remote.account}`;
    const adapter = {
      geoListSource: `route53 ListGeoLocations${remote?.aws === true ? '' : ' (mock)'}`,
      geoListShare: { run: options, key: where },
      account: where,
    };
    if (remote !== undefined) return new Route53Adapter(provider, buildRoute53Client(remote, clientOptions), adapter);
    // Only a mock run in this process needs the mock's code (XML parser, rules, state files).
    const { createRoute53Adapter } = await import('./client.js');
    return createRoute53Adapter(provider, { ...clientOptions, adapter });
  },
  evaluate: route53Distributions,
  // A Route 53 record of a type holds the values of that type: only endpoints that have them answer.
  answersWith: (endpoint, type) => endpointValues(endpoint, type as RecordType).length > 0,
  tolerance: ROUTE53_TOLERANCE,
  preflight: (provider, changes, live, context) => {
    if (provider.type === 'route53') preflightRoute53(provider, changes, live, context?.recordQuota);
  },
  quotaUsage: (provider, desired, live) =>
    provider.type === 'route53' ? route53QuotaUsage(provider, desired, live) : undefined,
};
