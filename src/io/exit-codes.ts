/** The process exit codes, in one table so scripts and docs can rely on them. */
export const ExitCode = {
  /** Success; with --detailed-exitcode: success and no changes. */
  OK: 0,
  /** An error: invalid input, a refused plan, a provider failure. */
  ERROR: 1,
  /** With --detailed-exitcode: success, and the plan has changes. */
  CHANGES: 2,
  /** Command-line usage error (unknown command or flag, missing argument). */
  USAGE: 64,
  /** Interrupted by Ctrl-C (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
  /** Stopped by SIGTERM (128 + 15, as shells report it): `mock serve`. */
  TERMINATED: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
