import type { Presenter } from '../commands/present.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';

export interface OutputFlags {
  readonly json?: boolean;
  /** Indented JSON even when stdout is not a terminal. */
  readonly pretty?: boolean;
  readonly color?: boolean;
}

/** Called by each action with the command's result; the runner renders it. */
export type Deliver = (result: CommandResult, flags: OutputFlags) => void;

/** What a command may show before its result, drawn by the runner as it draws results. */
export type Present = (flags: OutputFlags) => Presenter;

/** What every command group's actions are given. */
export interface CommandContext {
  readonly io: CliIo;
  readonly deliver: Deliver;
  readonly present: Present;
}

/** The signals that stop a long-running command. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * Resolves with the signal on Ctrl-C or SIGTERM: long-running commands stop cleanly between steps.
 * Both handlers go at the first signal, so a second one ends the process at once, as it would
 * without them (a stop that takes too long can still be cut short).
 */
export function interrupted(): Promise<StopSignal> {
  return new Promise((resolve) => {
    const stop = (signal: StopSignal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
