import type { StepEvents } from '../apply/run.js';
import type { CommandResult } from '../io/result.js';

/**
 * What a command may show before its result, without choosing a stream or a format itself: the
 * runner (cli/) decides between the terminal view, plain text and nothing (with --json, where only
 * the result is printed).
 */
export interface Presenter {
  /** Shows a presentation now, ahead of the result (apply's plan, before it asks). */
  show(result: CommandResult): Promise<void>;
  /** Progress of a write to these providers: drawn live on a terminal, as lines elsewhere. */
  progress(providers: readonly string[]): Promise<Progress>;
}

export interface Progress {
  readonly events: StepEvents;
  /** Marks the failed providers and releases the terminal. */
  close(failed: readonly string[]): Promise<void>;
}
