import { renderAzure } from '../../render/azure.js';
import { AZURE_TOLERANCE, azureDistributions } from '../../verify/azure.js';
import { mockFaults } from '../mock-faults.js';
import type { ProviderKit } from '../types.js';
import { createAzureAdapter } from './client.js';
import type { AzureMockFaults } from './mock/faults.js';

/** Azure DNS + Traffic Manager for the commands; the SDKs load only when an adapter is created. */
export const azureKit: ProviderKit = {
  render: renderAzure,
  createAdapter: (provider, options) => {
    const faults = mockFaults(options.env, 'azure') as AzureMockFaults | undefined;
    return createAzureAdapter(provider, { ...options, ...(faults ? { faults } : {}) });
  },
  evaluate: azureDistributions,
  tolerance: AZURE_TOLERANCE,
};
