import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './binary.js';

/*
 * The package as `npm pack` makes it, made from a copy of the working tree so that its prepack
 * build (tsc, then the bundle) never rewrites the dist/ that other tests are running: the tracked
 * and untracked files that git would commit, with node_modules linked rather than installed.
 */

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

/** One entry of `npm pack --json`. */
export interface PackResult {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
}

export interface Packed {
  /** The copy of the working tree the tarball was made from (built by prepack). */
  readonly source: string;
  readonly tarball: string;
  readonly result: PackResult;
  /** Exactly what `npm pack --json` printed on stdout. */
  readonly stdout: string;
}

/** An environment for child npm/node processes without the variables `npm test` sets for itself. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(name) && name !== 'INIT_CWD') env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Copies the files git would commit (tracked, plus untracked and not ignored) to a new directory. */
export function copyWorkingTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tp-source-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '');
  for (const file of files) {
    const from = join(ROOT, file);
    let mode: number;
    try {
      mode = statSync(from).mode;
    } catch {
      continue; // deleted in the working tree, not yet in the index
    }
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
    chmodSync(join(dir, file), mode & 0o777);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `npm pack --json` in a copy of the working tree; prepack builds the bundle there. */
export async function packWorkingTree(): Promise<Packed> {
  const source = copyWorkingTree();
  const out = mkdtempSync(join(tmpdir(), 'tp-pack-'));
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      'npm',
      ['pack', '--json', '--pack-destination', out],
      { cwd: source, env: cleanEnv(), timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`npm pack failed: ${stderr}`)) : resolve(stdout)),
    );
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  if (result === undefined) throw new Error(`npm pack printed no entry: ${stdout}`);
  return { source, tarball: join(out, result.filename), result, stdout };
}
