import { randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir } from '../../io/private-dir.js';

export interface LockOptions {
  /** How long to wait for another process's lock before failing. */
  readonly lockTimeoutMs: number;
  /** A lock older than this is assumed to belong to a crashed process and is broken. */
  readonly staleLockMs: number;
}

/**
 * Takes the exclusive lock of a state file (`<path>.lock`, holding the owner's pid) and returns
 * its release. A lock whose owner is gone, or older than `staleLockMs`, is broken.
 */
export async function lockStateFile(path: string, options: LockOptions): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  await ensurePrivateDir(dirname(path));
  const deadline = Date.now() + options.lockTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    // The lock appears with the owner's pid already in it (written aside, then hard-linked), so
    // a process killed while taking it never leaves an anonymous lock behind.
    const claim = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(claim, String(process.pid), { mode: 0o600, flag: 'wx' });
      await link(claim, lockPath);
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await lockOwner(lockPath);
      const age = await lockAge(lockPath);
      if ((age !== undefined && age > options.staleLockMs) || ownerIsGone(owner)) {
        // Break it only if it is still the lock judged stale, not one taken meanwhile.
        if ((await lockOwner(lockPath)) === owner) await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`mock state file ${path} is locked by another process (${lockPath})`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** Math.min(attempt, 5), 100)));
    } finally {
      await rm(claim, { force: true });
    }
  }
}

async function lockOwner(lockPath: string): Promise<string | undefined> {
  return readFile(lockPath, 'utf8').catch(() => undefined);
}

/**
 * Whether the lock was left by a process that no longer exists (killed mid-write): then waiting
 * for it to age out would only fail the next command, e.g. an `apply --resume` right after.
 */
function ownerIsGone(owner: string | undefined): boolean {
  const pid = Number(owner);
  if (owner === undefined || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function lockAge(lockPath: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return undefined;
  }
}
