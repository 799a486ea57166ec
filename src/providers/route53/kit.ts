import { TrafficportError } from '../../errors.js';
import { renderRoute53 } from '../../render/route53.js';
import { ROUTE53_TOLERANCE } from '../../verify/route53-compare.js';
import { route53Distributions } from '../../verify/route53-distributions.js';
import { mockFaults } from '../mock-faults.js';
import type { ProviderKit } from '../types.js';
import { Route53Adapter } from './adapter.js';
import { route53QuotaUsage } from './health-checks.js';
import type { FaultOptions } from './mock/faults.js';
import { buildRoute53Client, remoteTarget } from './sdk-client.js';

/** Route 53 for the provider registry: loaded on demand, so only Route 53 users load its SDK. */
export const route53Kit: ProviderKit = {
  render: renderRoute53,
  async createAdapter(provider, options) {
    if (provider.type !== 'route53') {
      throw new TrafficportError('PROVIDER.WRONG_KIT', `provider '${provider.id}' is ${provider.type}, not route53`);
    }
    const faults = mockFaults(options.env, 'route53') as FaultOptions | undefined;
    const clientOptions = {
      mockStateDir: options.mockStateDir,
      env: options.env,
      sendCredentialsToEndpoint: options.sendCredentialsToEndpoint === true,
      ...(faults ? { faults } : {}),
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
  tolerance: ROUTE53_TOLERANCE,
  quotaUsage: (provider, desired, live) =>
    provider.type === 'route53' ? route53QuotaUsage(provider, desired, live) : undefined,
};
