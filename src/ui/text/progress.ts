import type { StepEvents } from '../../apply/run.js';
import { counted } from '../../util/words.js';

/** Apply's progress as plain lines (for logs and pipes): one line per batch, wait and ramp step. */
export function progressLines(write: (line: string) => void): StepEvents {
  return {
    onBatch: (e) => write(`  ${e.provider}: batch ${e.done}/${e.total} (${counted(e.changes, 'change')})\n`),
    onWait: (e) => write(`  ${e.provider}: waiting ${Math.round(e.ms)} ms (${e.reason})\n`),
    onStep: (e) => {
      if (e.steps > 1) write(`  ${e.provider}: step ${e.step}/${e.steps}\n`);
    },
    onStepWait: (e) => write(`  ${e.provider}: waiting ${e.seconds}s (one TTL) before the next step\n`),
  };
}
