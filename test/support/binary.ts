import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'trafficport.js');
/** What BIN runs: the bundle `npm run build` writes after tsc (scripts/bundle.mjs). */
export const BUNDLE_DIR = join(ROOT, 'dist', 'cli-bundle');
export const BUNDLE_ENTRY = join(BUNDLE_DIR, 'main.js');

/** Fails early, with the fix, when the binary has nothing to run. */
export function assertBuilt(): void {
  if (!existsSync(BUNDLE_ENTRY)) throw new Error('dist/cli-bundle/ is missing: run `npm run build`');
}

/**
 * The source modules (paths from the package root, `node_modules/ink/build/ink.js`) inside the
 * bundle chunks among `urls`, from the chunks.json the bundler writes: a chunk's file name alone
 * does not say what it holds. Throws on a chunk the manifest does not list (a stale build).
 */
export function modulesInChunks(urls: readonly string[]): string[] {
  const manifest = JSON.parse(readFileSync(join(BUNDLE_DIR, 'chunks.json'), 'utf8')) as Record<string, string[]>;
  return urls
    .filter((url) => url.startsWith('file:'))
    .map((url) => relative(BUNDLE_DIR, fileURLToPath(url)).replaceAll('\\', '/'))
    .filter((chunk) => !chunk.startsWith('../') && !isAbsolute(chunk))
    .flatMap((chunk) => {
      const modules = manifest[chunk];
      if (modules === undefined) throw new Error(`${chunk} is not in chunks.json: rebuild with \`npm run build\``);
      return modules;
    });
}

/**
 * stderr without the one note trafficport gives on Node 20 about the AWS SDK's support ending
 * (bin/trafficport.js), for tests that expect nothing else there.
 */
export function withoutNodeNote(stderr: string): string {
  return stderr.replace(/^note: Node\.js \S+ reached end of life.*\n/m, '');
}

export interface BinaryRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would: a separate Node process, no terminal. */
export function runBinary(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; node?: readonly string[] },
): Promise<BinaryRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.node ?? []), BIN, ...args],
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
