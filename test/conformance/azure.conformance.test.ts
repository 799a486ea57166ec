import { describe, it } from 'vitest';
import { conformanceSuite } from './suite.js';
import { AZURE_LIVE_ENV, azureTarget, inProcess, live, liveSkipReason, served } from './targets.js';

/** The conformance scenarios against Azure DNS + Traffic Manager: in process, behind `mock serve`, and live. */

conformanceSuite('Azure conformance: mock in process', () => azureTarget(inProcess()));
conformanceSuite('Azure conformance: mock serve', async () => azureTarget(await served()));

const skipped = liveSkipReason(AZURE_LIVE_ENV, '<subscription>/<resource group>/<throwaway zone>');
if (skipped === undefined) {
  conformanceSuite('Azure conformance: live', () => azureTarget(live()));
} else {
  console.info(`[conformance] Azure ${skipped}`);
  describe('Azure conformance: live', () => {
    it.skip(skipped, () => {});
  });
}
