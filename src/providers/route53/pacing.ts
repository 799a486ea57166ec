/** A token bucket: `burst` requests at once, then `ratePerSecond`. */
export interface PacingRate {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/**
 * Route 53's account-wide request bucket as AWS documents it today: a burst of 50 requests,
 * refilled at 10 per second, shared by every API request of the account ("Throttling for Amazon
 * Route 53 API requests", Route 53 Developer Guide,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html; the AWS
 * blog post "Introducing change-based throttling for Amazon Route 53 APIs" dates the change from
 * 5 to 10 requests/s to July 30, 2026). Each operation also has a bucket of its own, 50 at 10/s
 * for every operation trafficport calls on AWS, so the account bucket is the one that binds. The
 * separate change-throughput bucket (DNS record changes per second) is not paced here.
 */
export const ROUTE53_DOCUMENTED_RATE: PacingRate = { ratePerSecond: 10, burst: 50 };

export interface RequestPacer {
  readonly rate: PacingRate;
  /**
   * Resolves when a request may go: at once while the bucket holds a token, else when the token
   * reserved for it has accrued. `onWait` hears of a wait before it starts. Returns the wait in ms.
   */
  take(onWait?: (ms: number) => void): Promise<number>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reservations are made in call order and the bucket may go negative, so concurrent callers are
 * served first come, first served with no queue to manage: caller n waits for token n. `sleep`
 * must let `clock` advance (tests pass a fake pair).
 */
export function createRequestPacer(
  rate: PacingRate,
  clock: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): RequestPacer {
  let tokens = rate.burst;
  let last = clock();
  const reserve = (now: number): number => {
    tokens = Math.min(rate.burst, tokens + ((now - last) / 1000) * rate.ratePerSecond);
    last = now;
    tokens -= 1;
    // Whole milliseconds, rounded up: the server's bucket has the token by then, never just before.
    return tokens >= 0 ? 0 : Math.ceil((-tokens / rate.ratePerSecond) * 1000);
  };
  return {
    rate,
    async take(onWait) {
      const now = clock();
      const ms = reserve(now);
      if (ms === 0) return 0;
      onWait?.(ms);
      // Timers may fire a little early (Node measures from the start of the event-loop turn);
      // sleeping until the clock says so keeps the request from arriving before its token.
      for (let left = ms; left > 0; left = now + ms - clock()) await sleep(left);
      return ms;
    },
  };
}
