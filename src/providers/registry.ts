import { TrafficportError } from '../errors.js';
import type { ServiceDistributions } from '../plan/traffic.js';
import type { Policy, Provider } from '../policy/types.js';
import type { RenderInput } from '../render/render-input.js';
import type { DesiredState, Resource } from '../render/types.js';
import type { ProviderAdapter } from './types.js';

export interface AdapterOptions {
  /** Directory of the mock backends' state files (backend: mock). */
  readonly mockStateDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Faults to inject into the in-process mock backends, for tests and drills:
 * TRAFFICPORT_MOCK_FAULTS='{"route53":{"throttleEvery":2},"azure":{"rules":[{"kind":"throttle","times":3}]}}'
 * (shapes in docs/mock-route53.md and docs/mock-azure.md). Ignored for real clouds.
 */
export function mockFaults(env: AdapterOptions['env'], type: 'route53' | 'azure'): unknown {
  const text = env.TRAFFICPORT_MOCK_FAULTS;
  if (text === undefined || text === '') return undefined;
  try {
    return (JSON.parse(text) as Record<string, unknown>)[type];
  } catch {
    throw new TrafficportError('USAGE.BAD_FAULTS', 'TRAFFICPORT_MOCK_FAULTS is not valid JSON', {
      hint: 'e.g. {"route53":{"throttleEvery":2}}',
    });
  }
}

/** Everything trafficport needs to publish through one provider type. */
export interface ProviderKit {
  render(input: RenderInput): DesiredState;
  createAdapter(provider: Provider, options: AdapterOptions): Promise<ProviderAdapter>;
  /**
   * What resolvers would answer, from owned resources (live or desired), per service and plan
   * geography (`*`, countries, US states): endpoint id → fraction of answers.
   */
  evaluate(resources: readonly Resource[], policy: Policy, provider: Provider): ServiceDistributions;
  /** Largest deviation from the plan that integer weights can explain, as a fraction. */
  readonly tolerance: number;
}

/** Loads a provider's kit on demand, so a command only pays for the SDKs it uses. */
export async function loadProviderKit(type: Provider['type']): Promise<ProviderKit> {
  if (type === 'route53') return (await import('./route53/kit.js')).route53Kit;
  return (await import('./azure/kit.js')).azureKit;
}
