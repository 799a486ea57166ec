import { describe, it } from 'vitest';
import { conformanceSuite } from './suite.js';
import { inProcess, live, liveSkipReason, ROUTE53_LIVE_ENV, route53Target, served } from './targets.js';

/** The conformance scenarios against Route 53: the mock in process, behind `mock serve`, and live. */

conformanceSuite('Route 53 conformance: mock in process', () => route53Target(inProcess()));
conformanceSuite('Route 53 conformance: mock serve', async () => route53Target(await served()));

const skipped = liveSkipReason(ROUTE53_LIVE_ENV, 'a throwaway public hosted zone, e.g. tp-conformance.example.org');
if (skipped === undefined) {
  conformanceSuite('Route 53 conformance: live', () => route53Target(live()));
} else {
  console.info(`[conformance] Route 53 ${skipped}`);
  describe('Route 53 conformance: live', () => {
    it.skip(skipped, () => {});
  });
}
