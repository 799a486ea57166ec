/** The subscription of the Azure provider in most of the Azure tests' policies. */
export const AZ_SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';

/**
 * The `az` provider block most Azure tests publish to (zone example.com, DNS in dns-rg, Traffic
 * Manager in tm-rg with the prefix tp), under `providers:`; the mock backend and
 * subscription AZ_SUBSCRIPTION unless `options` name others.
 */
export function azureProviderYaml(options: { backend?: 'mock' | 'azure'; subscription?: string } = {}): string {
  const { backend = 'mock', subscription = AZ_SUBSCRIPTION } = options;
  return `providers:
  az:
    type: azure
    zone: example.com
    subscription: ${subscription}
    resourceGroup: dns-rg
    backend: ${backend}
    trafficManager: { resourceGroup: tm-rg, profilePrefix: tp }
`;
}
