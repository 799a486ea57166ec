import { render } from 'ink';
import { createElement } from 'react';
import type { StepEvents } from '../../apply/run.js';
import { ApplyProgress } from './apply-progress.js';
import { type ApplyProgressState, initialProgress, type ProgressEvent, reduceProgress } from './apply-state.js';

export interface LiveProgress {
  /** The callbacks to hand to runJournal. */
  readonly events: StepEvents;
  /** Marks providers done or failed, draws the last frame and releases the terminal. */
  close(failed: readonly string[]): Promise<void>;
}

/** Redraws at least this often, so countdowns tick while nothing else happens. */
const TICK_MS = 1000;

/**
 * Mounts the live apply view on a terminal stream. State lives here, not in the component: every
 * event goes through the pure reducer and the view is re-rendered from the new state.
 */
export function startLiveProgress(
  stream: NodeJS.WriteStream,
  providers: readonly string[],
  options: { readonly color: boolean; readonly now: () => number },
): LiveProgress {
  let state: ApplyProgressState = initialProgress(providers);
  const view = () => createElement(ApplyProgress, { state, now: options.now(), color: options.color });
  const app = render(view(), { stdout: sized(stream), patchConsole: false, exitOnCtrlC: false });
  const timer = setInterval(() => app.rerender(view()), TICK_MS);
  timer.unref();
  const update = (event: ProgressEvent) => {
    state = reduceProgress(state, event, options.now());
    app.rerender(view());
  };
  return {
    events: {
      onBatch: (e) => update({ type: 'batch', ...e }),
      onWait: (e) => update({ type: 'wait', ...e }),
      onStep: (e) => update({ type: 'step', ...e }),
      onStepWait: (e) => update({ type: 'step-wait', ...e }),
    },
    close: async (failed) => {
      clearInterval(timer);
      update({ type: 'finish', failed });
      app.unmount();
      await app.waitUntilExit();
    },
  };
}

/**
 * The stream as ink sees it, with a row count. A terminal nobody sized (a CI pseudo-terminal)
 * reports 0 rows, and ink then clears the whole screen on every frame, erasing the plan above.
 */
function sized(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'rows') return target.rows > 0 ? target.rows : 24;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
