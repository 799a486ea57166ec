import { TrafficportError } from '../errors.js';
import type { AdapterOptions } from './types.js';

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
    throw new TrafficportError('PROVIDER.BAD_FAULTS', 'TRAFFICPORT_MOCK_FAULTS is not valid JSON', {
      hint: 'e.g. {"route53":{"throttleEvery":2}}',
    });
  }
}
