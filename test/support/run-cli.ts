import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command tree in-process with captured streams and a fixed clock. */
export async function runCli(
  argv: readonly string[],
  options: { cwd?: string; now?: number; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? Date.parse('2026-12-01T00:00:00Z'),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
