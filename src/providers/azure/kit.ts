import { renderAzure } from '../../render/azure.js';
import { endpointValues, type RecordType } from '../../render/route53-type.js';
import { AZURE_TOLERANCE, azureDistributions } from '../../resolver/azure.js';
import { mockFaults } from '../mock-faults.js';
import type { ProviderKit } from '../types.js';
import { azureGeoShareKey, createAzureAdapter } from './client.js';
import type { AzureMockFaults } from './mock/faults.js';
import { preflightAzure } from './preflight.js';
import { azureQuotaUsage } from './quota.js';

/** Azure DNS + Traffic Manager for the commands; the SDKs load only when an adapter is created. */
export const azureKit: ProviderKit = {
  render: renderAzure,
  createAdapter: (provider, options) => {
    if (provider.type !== 'azure') throw new Error(`azureKit: provider '${provider.id}' is ${provider.type}`);
    const faults = mockFaults(options.env, 'azure') as AzureMockFaults | undefined;
    const clientOptions = { ...options, ...(faults ? { faults } : {}) };
    return createAzureAdapter(provider, clientOptions, {
      share: { run: options, key: azureGeoShareKey(provider, clientOptions) },
    });
  },
  evaluate: azureDistributions,
  // A CNAME (alias) names the service's Traffic Manager profile, which answers with every endpoint;
  // an A/AAAA alias only reaches external endpoints with addresses of its family.
  answersWith: (endpoint, type) => type === 'CNAME' || endpointValues(endpoint, type as RecordType).length > 0,
  tolerance: AZURE_TOLERANCE,
  preflight: (provider, changes, live) => {
    if (provider.type === 'azure') preflightAzure(provider, changes, live);
  },
  quotaUsage: (provider, desired, live) =>
    provider.type === 'azure' ? azureQuotaUsage(provider, desired, live) : undefined,
};
