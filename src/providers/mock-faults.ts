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

/**
 * Limits of the in-process mock backends other than their documented defaults, for tests and
 * drills of quotas raised or lowered per account or zone:
 * TRAFFICPORT_MOCK_LIMITS='{"route53":{"maxRecordSetsPerZone":40}}' (keys in docs/mock-route53.md).
 */
export function mockLimits(env: AdapterOptions['env'], type: 'route53' | 'azure'): unknown {
  const text = env.TRAFFICPORT_MOCK_LIMITS;
  if (text === undefined || text === '') return undefined;
  try {
    return (JSON.parse(text) as Record<string, unknown>)[type];
  } catch {
    throw new TrafficportError('PROVIDER.BAD_FAULTS', 'TRAFFICPORT_MOCK_LIMITS is not valid JSON', {
      hint: 'e.g. {"route53":{"maxRecordSetsPerZone":40}}',
    });
  }
}
