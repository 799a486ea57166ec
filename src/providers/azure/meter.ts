import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import { TrafficportError } from '../../errors.js';
import { AZURE_RETRY_WAIT_ENV, DEFAULT_RETRY_WAIT_SECONDS } from '../retry-wait.js';

/**
 * Counts every HTTP request the SDK clients send, retries included (a per-retry pipeline policy),
 * reports the waits between attempts as they happen, so apply can show "waiting" like Route 53's,
 * and bounds the time one call may spend waiting to retry: the SDK honours any Retry-After and
 * backs off up to a minute per attempt, which made a failing call take minutes in silence.
 */

/** `pacing`: waiting for the subscription's Traffic Manager budget before sending (nothing was refused). */
export type WaitReason = 'throttled' | 'retry' | 'pacing';

export interface RequestMeter {
  readonly policy: PipelinePolicy;
  /** Requests sent so far. */
  count(): number;
  /** Called for each wait before a retry: Retry-After as soon as it is known, else the backoff once over. */
  onWait: ((ms: number, reason: WaitReason) => void) | undefined;
}

/** Per call (the SDK retries with the same request object): time waited so far, the last failure. */
interface Attempts {
  waitedMs: number;
  failedAt?: number;
  announcedMs: number;
  reason: WaitReason;
}

export function createRequestMeter(
  maxWaitMs = DEFAULT_RETRY_WAIT_SECONDS * 1000,
  now = () => Date.now(),
): RequestMeter {
  let requests = 0;
  const calls = new WeakMap<PipelineRequest, Attempts>();
  const meter: RequestMeter = {
    onWait: undefined,
    count: () => requests,
    policy: {
      name: 'trafficportRequestMeter',
      async sendRequest(request, next) {
        const attempts = calls.get(request) ?? { waitedMs: 0, announcedMs: 0, reason: 'retry' };
        calls.set(request, attempts);
        if (attempts.failedAt !== undefined) {
          const waited = now() - attempts.failedAt;
          attempts.waitedMs += waited;
          // A backoff nobody announced (no Retry-After): said once it is over.
          if (attempts.announcedMs === 0) meter.onWait?.(waited, attempts.reason);
        }
        requests++;
        const response = await next(request);
        if (response.status !== 429 && response.status < 500) return response;
        const seconds = Number(response.headers.get('retry-after') ?? 0);
        const upcoming = Number.isFinite(seconds) ? seconds * 1000 : 0;
        attempts.failedAt = now();
        attempts.reason = response.status === 429 ? 'throttled' : 'retry';
        attempts.announcedMs = upcoming;
        // No new wait starts once the call has waited the bound, nor one a Retry-After says would pass it.
        if (attempts.waitedMs >= maxWaitMs || attempts.waitedMs + upcoming > maxWaitMs) {
          throw gaveUp(request, response.status, attempts, maxWaitMs);
        }
        if (upcoming > 0) meter.onWait?.(upcoming, attempts.reason);
        return response;
      },
    },
  };
  return meter;
}

function gaveUp(request: PipelineRequest, status: number, attempts: Attempts, maxWaitMs: number): TrafficportError {
  const what = `${request.method} ${new URL(request.url).pathname}`;
  const code = status === 429 ? 'PROVIDER.THROTTLED' : 'PROVIDER.UNAVAILABLE';
  return new TrafficportError(
    code,
    `Azure answered ${status} to ${what}; after ${Math.round(attempts.waitedMs / 1000)}s of waiting to retry, another wait${attempts.announcedMs > 0 ? ` (Retry-After ${Math.round(attempts.announcedMs / 1000)}s)` : ''} would pass the ${Math.round(maxWaitMs / 1000)}s bound`,
    {
      hint: `run the command again later, or allow longer waits with ${AZURE_RETRY_WAIT_ENV}=SECONDS (default ${DEFAULT_RETRY_WAIT_SECONDS})`,
    },
  );
}
