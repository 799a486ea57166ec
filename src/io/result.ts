import type { ReactElement } from 'react';
import type { ExitCodeValue } from './exit-codes.js';

/** Output options every command honours. */
export interface OutputOptions {
  readonly json: boolean;
  readonly color: boolean;
}

/** How a terminal view is drawn: colors allowed, and the terminal's width. */
export interface ViewOptions {
  readonly color: boolean;
  readonly columns: number;
}

/**
 * What a command returns instead of printing: the exit code and two presentations. The runner
 * picks one, so `--json` never mixes with human text and commands stay testable as values.
 */
export interface CommandResult {
  readonly exitCode: ExitCodeValue;
  /** Plain text: one string, or pieces written one after another (a large plan, service by service). */
  human(options: OutputOptions): string | Iterable<string>;
  /** The JSON value; written in pieces (io/write-chunks.ts), never as one string. */
  json(): unknown;
  /** Human text that belongs on stderr (warnings) even when stdout is JSON. */
  readonly notes?: string;
  /** Where `human()` goes: stderr for a report of failure (an invalid policy), like other errors. */
  readonly humanStream?: 'stdout' | 'stderr';
  /**
   * The terminal (ink) presentation, used instead of `human()` when the output is a terminal.
   * Lazy, so that ink and React load only on that path.
   */
  readonly view?: (options: ViewOptions) => Promise<ReactElement>;
}
