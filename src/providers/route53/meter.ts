import type { ApplyEvents } from '../types.js';
import { attemptsOf, providerError } from './errors.js';

/** What every SDK response carries about its attempts (smithy's ResponseMetadata). */
interface Metadata {
  readonly $metadata?: { readonly attempts?: number; readonly totalRetryDelay?: number };
}

/**
 * Counts API calls as the service saw them (every SDK attempt, retries included), reports the
 * time the SDK's retry strategy waited, and turns final failures into TrafficportErrors (the SDK error stays their `cause`).
 */
export class CallMeter {
  calls = 0;

  constructor(
    private readonly provider: string,
    private readonly events: ApplyEvents = {},
  ) {}

  async call<T extends Metadata>(operation: string, send: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await send();
    } catch (error) {
      this.calls += attemptsOf(error);
      throw providerError(error, this.provider, operation);
    }
    this.calls += result.$metadata?.attempts ?? 1;
    const waited = result.$metadata?.totalRetryDelay ?? 0;
    if (waited > 0) this.events.onWait?.({ provider: this.provider, ms: waited, reason: 'retry' });
    return result;
  }
}
