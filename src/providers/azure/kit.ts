import { renderAzure } from '../../render/azure.js';
import { AZURE_TOLERANCE, azureDistributions } from '../../verify/azure.js';
import type { ProviderKit } from '../registry.js';
import { createAzureAdapter } from './client.js';

/** Azure DNS + Traffic Manager for the commands; the SDKs load only when an adapter is created. */
export const azureKit: ProviderKit = {
  render: renderAzure,
  createAdapter: (provider, options) => createAzureAdapter(provider, options),
  evaluate: azureDistributions,
  tolerance: AZURE_TOLERANCE,
};
