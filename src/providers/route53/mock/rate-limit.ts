import type { RateLimitOptions } from './limits.js';

/** A token bucket: holds up to `burst` tokens and gains `ratePerSecond` per second. */
export interface TokenBucket {
  /** Takes a token if one is available; false means the request is throttled. */
  tryTake(): boolean;
}

export function createTokenBucket(options: RateLimitOptions, clock: () => number): TokenBucket {
  let tokens = options.burst;
  let last = clock();
  return {
    tryTake() {
      const now = clock();
      tokens = Math.min(options.burst, tokens + ((now - last) / 1000) * options.ratePerSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
