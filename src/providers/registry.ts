import type { Provider } from '../policy/types.js';
import type { ProviderKit } from './types.js';

/** Loads a provider's kit on demand, so a command only pays for the SDKs it uses. */
export async function loadProviderKit(type: Provider['type']): Promise<ProviderKit> {
  if (type === 'route53') return (await import('./route53/kit.js')).route53Kit;
  return (await import('./azure/kit.js')).azureKit;
}
