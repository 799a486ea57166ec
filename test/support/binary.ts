import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'trafficport.js');

export interface BinaryRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would: a separate Node process, no terminal. */
export function runBinary(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<BinaryRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts the CLI and kills it (SIGKILL) as soon as `killWhen` sees its output: a crash mid-run. */
export function runAndKill(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
  killWhen: (output: string) => boolean,
): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let output = '';
    let killed = false;
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && killWhen(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('close', () => resolve({ killed, output }));
  });
}
