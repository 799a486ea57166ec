import type { ExitCodeValue } from './exit-codes.js';

/** Output options every command honours. */
export interface OutputOptions {
  readonly json: boolean;
  readonly color: boolean;
}

/**
 * What a command returns instead of printing: the exit code and two presentations. The runner
 * picks one, so `--json` never mixes with human text and commands stay testable as values.
 */
export interface CommandResult {
  readonly exitCode: ExitCodeValue;
  human(options: OutputOptions): string;
  json(): unknown;
  /** Human text that belongs on stderr (warnings) even when stdout is JSON. */
  readonly notes?: string;
  /** Where `human()` goes: stderr for a report of failure (an invalid policy), like other errors. */
  readonly humanStream?: 'stdout' | 'stderr';
}
