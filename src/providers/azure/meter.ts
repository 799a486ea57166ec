import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Counts every HTTP request the SDK clients send, retries included (a per-retry pipeline policy),
 * and reports throttling and retried failures as they happen, so apply can show "waiting" and
 * report the real number of API calls.
 */

/** `pacing`: waiting for the subscription's Traffic Manager budget before sending (nothing was refused). */
export type WaitReason = 'throttled' | 'retry' | 'pacing';

export interface RequestMeter {
  readonly policy: PipelinePolicy;
  /** Requests sent so far. */
  count(): number;
  /** Called for each 429/5xx answer the SDK will retry; `ms` is Retry-After when given. */
  onWait: ((ms: number, reason: WaitReason) => void) | undefined;
}

export function createRequestMeter(): RequestMeter {
  let requests = 0;
  const meter: RequestMeter = {
    onWait: undefined,
    count: () => requests,
    policy: {
      name: 'trafficportRequestMeter',
      async sendRequest(request, next) {
        requests++;
        const response = await next(request);
        if (response.status === 429 || response.status >= 500) {
          const seconds = Number(response.headers.get('retry-after') ?? 0);
          meter.onWait?.(
            Number.isFinite(seconds) ? seconds * 1000 : 0,
            response.status === 429 ? 'throttled' : 'retry',
          );
        }
        return response;
      },
    },
  };
  return meter;
}
