import { AsyncLocalStorage } from 'node:async_hooks';
import type { Route53Client, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-route-53';
// Types only (erased at run time): the package the SDK's own middleware types come from.
import type { FinalizeRequestMiddleware } from '@smithy/types';
import type { RequestPacer } from './pacing.js';

export const PACING_MIDDLEWARE = 'trafficportPacing';

/**
 * Who hears of pacing waits: set per call (CallMeter), not per client, because one client serves
 * a provider's reads and applies, and only an apply has progress events to report to.
 */
const listeners = new AsyncLocalStorage<(ms: number) => void>();

/** Runs `send`, reporting the pacing waits of the requests it makes to `onWait`. */
export function reportingPacingWaits<T>(
  onWait: ((ms: number) => void) | undefined,
  send: () => Promise<T>,
): Promise<T> {
  return onWait === undefined ? send() : listeners.run(onWait, send);
}

/**
 * Every attempt waits for a token from the account's bucket. The step sits inside the SDK's
 * retry loop (after `retryMiddleware`), so retries are paced like first attempts, and before
 * signing, so a request that waited still carries a fresh signature. Throttling answers are
 * still retried by the SDK: pacing only makes them rare (other clients may share the account).
 */
export function addPacing(client: Route53Client, pacer: RequestPacer): void {
  const pace: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    await pacer.take(listeners.getStore());
    return next(args);
  };
  client.middlewareStack.addRelativeTo(pace, {
    name: PACING_MIDDLEWARE,
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
  });
}
