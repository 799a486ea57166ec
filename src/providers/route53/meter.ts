import type { ApplyEvents } from '../types.js';
import { attemptsOf, providerError } from './errors.js';
import { reportingPacingWaits } from './pacing-middleware.js';

/** What every SDK response carries about its attempts (smithy's ResponseMetadata). */
interface Metadata {
  readonly $metadata?: { readonly attempts?: number; readonly totalRetryDelay?: number };
}

/**
 * Counts API calls as the service saw them (every SDK attempt, retries included), reports the
 * time the SDK's retry strategy waited and, as each starts, the waits for the account's rate
 * (reason `throttled`: the request waits its turn instead of being refused), and turns final
 * failures into TrafficportErrors (the SDK error stays their `cause`).
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
      result = await reportingPacingWaits(this.paceListener(), send);
    } catch (error) {
      this.calls += attemptsOf(error);
      throw providerError(error, this.provider, operation);
    }
    this.calls += result.$metadata?.attempts ?? 1;
    const waited = result.$metadata?.totalRetryDelay ?? 0;
    if (waited > 0) this.events.onWait?.({ provider: this.provider, ms: waited, reason: 'retry' });
    return result;
  }

  private paceListener(): ((ms: number) => void) | undefined {
    if (this.events.onWait === undefined) return undefined;
    return (ms) => this.events.onWait?.({ provider: this.provider, ms, reason: 'pacing' });
  }
}
