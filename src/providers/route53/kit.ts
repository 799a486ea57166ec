import { TrafficportError } from '../../errors.js';
import { renderRoute53 } from '../../render/route53.js';
import { ROUTE53_TOLERANCE } from '../../verify/route53-compare.js';
import { route53Distributions } from '../../verify/route53-distributions.js';
import { mockFaults, type ProviderKit } from '../registry.js';
import { createRoute53Adapter } from './client.js';
import type { FaultOptions } from './mock/faults.js';

/** Route 53 for the provider registry: loaded on demand, so only Route 53 users load its SDK. */
export const route53Kit: ProviderKit = {
  render: renderRoute53,
  async createAdapter(provider, options) {
    if (provider.type !== 'route53') {
      throw new TrafficportError('PROVIDER.WRONG_KIT', `provider '${provider.id}' is ${provider.type}, not route53`);
    }
    const faults = mockFaults(options.env, 'route53') as FaultOptions | undefined;
    return createRoute53Adapter(provider, {
      mockStateDir: options.mockStateDir,
      env: options.env,
      ...(faults ? { faults } : {}),
    });
  },
  evaluate: route53Distributions,
  tolerance: ROUTE53_TOLERANCE,
};
