import type { ErrorCode } from '../error-codes.js';
import { formatLocation, type SourceLocation } from '../errors.js';

/** The process's streams and environment, injected so commands can be run in-process by tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The clock, read only here at the edge: the core takes time as a parameter. */
  now(): number;
  /** Asks a yes/no question on the terminal; absent when stdin is not a terminal. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /**
   * While a write is under way: on Ctrl-C, print what `describe` says (where it stopped, the ways
   * on) and end with exit code 130. Returns the function that removes the handler. Absent where
   * there is no process to interrupt (tests, embedding).
   */
  readonly onInterrupt?: (describe: () => string) => () => void;
  /**
   * A warning about the run's inputs (one line on stderr, and in `--json` output's `warnings`).
   * Absent where nothing collects them: `warnInput` writes the line itself.
   */
  readonly warn?: (warning: InputWarning) => void;
}

/** A warning about what a command was given, for people (stderr) and programs (`--json`). */
export interface InputWarning {
  readonly code: ErrorCode;
  readonly message: string;
  /** Where in a file, for a finding in the policy (what `validate` warns about). */
  readonly location?: SourceLocation;
}

/** The stderr line of a warning. */
export function warningLine(warning: InputWarning): string {
  const where = warning.location === undefined ? '' : ` ${formatLocation(warning.location)}`;
  return `warning ${warning.code}${where}: ${warning.message}\n`;
}

/** Says `warning` through the run's collector, or on stderr where there is none. */
export function warnInput(io: CliIo, warning: InputWarning): void {
  if (io.warn !== undefined) io.warn(warning);
  else io.stderr.write(warningLine(warning));
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
    onInterrupt: (describe) => {
      const handler = () => {
        process.stderr.write(describe());
        // 128 + SIGINT, as the default handler would end it; the journal on disk is already
        // consistent (each save is an atomic rename), so there is nothing to wait for.
        process.exit(130);
      };
      process.once('SIGINT', handler);
      return () => {
        process.off('SIGINT', handler);
      };
    },
  };
}
