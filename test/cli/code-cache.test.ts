import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runBinary, withoutNodeNote } from '../support/binary.js';

/**
 * bin/bundle-loader.cjs keeps V8's compiled code of the bundle between runs on Node 20 (issue 18).
 * The cache lives in the OS temp dir, which other users share, and V8 runs cached data as
 * bytecode: these tests pin that it is written only into a private directory of this user, and
 * that a directory it must not trust is left alone while the command still works. Node >= 22.1
 * uses its own compile cache instead: there the last test checks that it is Node's cache that is
 * written, and the Node 20 tests say why they do not run.
 */

const ownCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

let temp: string;

beforeAll(() => assertBuilt());

afterEach(() => {
  if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
});

/** `--help` with TMPDIR pointing at a fresh directory: the cache's base directory inside it. */
async function helpWithTemp(prepare?: (base: string) => void): Promise<string> {
  temp = mkdtempSync(join(tmpdir(), 'trafficport-code-cache-test-'));
  const base = join(temp, `trafficport-code-cache-${uid}`);
  prepare?.(base);
  const run = await runBinary(['--help'], { cwd: temp, env: { TMPDIR: temp } });
  expect(withoutNodeNote(run.stderr)).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Usage: trafficport');
  return base;
}

/** The cached data files under `base`, with their modes. */
function cacheFiles(base: string): { name: string; mode: number }[] {
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: entry.name, mode: statSync(join(entry.parentPath, entry.name)).mode & 0o777 }));
}

if (ownCache) console.warn(`[skipped] the Node 20 code-cache tests: ${process.version} keeps its own compile cache`);
else console.warn(`[skipped] the Node >= 22.1 compile-cache test: ${process.version} has no compile cache`);
if (uid === undefined) console.warn('[skipped] the code-cache tests: this platform has no user ids');

describe.skipIf(ownCache || uid === undefined)('the code cache on Node 20', () => {
  it('is written into a directory only this user can open, as files only this user can read', async () => {
    const base = await helpWithTemp();
    expect(lstatSync(base).mode & 0o777).toBe(0o700);
    const files = cacheFiles(base);
    // One file per chunk the command loaded (main.js and its static imports at least).
    expect(files.length).toBeGreaterThan(3);
    expect(files.some((file) => file.name.startsWith('main.js-'))).toBe(true);
    for (const file of files) expect(file.mode).toBe(0o600);
    expect(files.filter((file) => file.name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves a directory others can write into alone, and the command still works', async () => {
    const base = await helpWithTemp((dir) => {
      mkdirSync(dir);
      chmodSync(dir, 0o777);
    });
    expect(cacheFiles(base)).toEqual([]);
  });

  it('does not follow a symbolic link in place of its directory', async () => {
    let target = '';
    const base = await helpWithTemp((dir) => {
      target = `${dir}-elsewhere`;
      mkdirSync(target, { mode: 0o700 });
      symlinkSync(target, dir);
    });
    expect(lstatSync(base).isSymbolicLink()).toBe(true);
    expect(cacheFiles(target)).toEqual([]);
  });

  it('is not written with TRAFFICPORT_NO_CODE_CACHE=1', async () => {
    temp = mkdtempSync(join(tmpdir(), 'trafficport-code-cache-test-'));
    const run = await runBinary(['--help'], { cwd: temp, env: { TMPDIR: temp, TRAFFICPORT_NO_CODE_CACHE: '1' } });
    expect(run.code).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe.skipIf(!ownCache)('the code cache on Node >= 22.1', () => {
  it("is Node's own compile cache, and the Node 20 loader writes nothing", async () => {
    temp = mkdtempSync(join(tmpdir(), 'trafficport-code-cache-test-'));
    const run = await runBinary(['--help'], { cwd: temp, env: { TMPDIR: temp } });
    expect(run.code).toBe(0);
    expect(readdirSync(temp)).toEqual(['node-compile-cache']);
    expect(readdirSync(join(temp, 'node-compile-cache'), { recursive: true }).length).toBeGreaterThan(0);
  });
});
