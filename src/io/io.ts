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
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}
