import { randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir } from '../../io/private-dir.js';
import { writeFileAtomic } from '../../io/write-file.js';
import { type FileSnapshots, fileSnapshots } from './file-snapshot.js';
import { frozenJson } from './frozen-json.js';
import { deepFreeze, produce } from './snapshot.js';

/**
 * Where a mock backend keeps its state. In memory for unit tests; in a JSON file so successive
 * commands (separate processes) see what earlier ones applied. File updates take an exclusive
 * lock file, read, change and write atomically (temp file + rename), so two processes never
 * interleave and a crash never leaves a torn file. State files are owner-only (0600). A read
 * parses the file only when it changed since the last one (file-snapshot.ts).
 *
 * States are deep-frozen snapshots (snapshot.ts): every reader gets the same one, without a
 * copy, and strict-mode code that writes to it gets a TypeError. Only `update` changes state,
 * through a copy-on-write draft, and replaces the snapshot when `change` succeeds.
 */
export interface StateStore<T> {
  /** The current state, deep-frozen and shared: never mutate it, change it with `update`. */
  read(): Promise<T>;
  /** Runs `change` on a draft of the current state, one update at a time, and keeps what it leaves. */
  update<R>(change: (state: T) => R | Promise<R>): Promise<R>;
}

export function memoryStore<T>(initial: T): StateStore<T> {
  let state = deepFreeze(structuredClone(initial));
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async read() {
      return state;
    },
    update<R>(change: (state: T) => R | Promise<R>): Promise<R> {
      const run = queue.then(async () => {
        // If `change` throws, `state` is still the snapshot it started from.
        const next = await produce(state, change);
        state = next.state;
        return next.result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export interface FileStoreOptions {
  /** How long to wait for another process's lock before failing. */
  readonly lockTimeoutMs?: number;
  /** A lock older than this is assumed to belong to a crashed process and is broken. */
  readonly staleLockMs?: number;
}

export function fileStore<T>(path: string, initial: () => T, options: FileStoreOptions = {}): StateStore<T> {
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  const staleLockMs = options.staleLockMs ?? 30_000;
  const lockPath = `${path}.lock`;

  // One cache per file in the process: the stores of ten providers on one state file would each
  // re-read and parse the whole file after every write the others made.
  const snapshots = (sharedSnapshots.get(path) as FileSnapshots<T> | undefined) ?? fileSnapshots(path, initial);
  sharedSnapshots.set(path, snapshots as FileSnapshots<unknown>);

  async function save(text: string): Promise<void> {
    await writeFileAtomic(path, text, { overwrite: true, mode: 0o600, what: 'the mock state file' });
  }

  async function lock(): Promise<() => Promise<void>> {
    await ensurePrivateDir(dirname(path));
    const deadline = Date.now() + lockTimeoutMs;
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
        const owner = await lockOwner();
        const age = await lockAge();
        if ((age !== undefined && age > staleLockMs) || ownerIsGone(owner)) {
          // Break it only if it is still the lock judged stale, not one taken meanwhile.
          if ((await lockOwner()) === owner) await rm(lockPath, { force: true });
          continue;
        }
        if (Date.now() > deadline)
          throw new Error(`mock state file ${path} is locked by another process (${lockPath})`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** Math.min(attempt, 5), 100)));
      } finally {
        await rm(claim, { force: true });
      }
    }
  }

  async function lockOwner(): Promise<string | undefined> {
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

  async function lockAge(): Promise<number | undefined> {
    try {
      return Date.now() - (await stat(lockPath)).mtimeMs;
    } catch {
      return undefined;
    }
  }

  async function locked<R>(change: (state: T) => R | Promise<R>): Promise<R> {
    const unlock = await lock();
    try {
      const next = await produce(await snapshots.load(), change);
      // Only what the change touched is serialized; the rest of the text is reused (frozen-json.ts).
      const text = `${frozenJson(next.state)}\n`;
      await save(text);
      snapshots.remember(next.state, text);
      return next.result;
    } finally {
      await unlock();
    }
  }

  return {
    read: () => snapshots.load(),
    update<R>(change: (state: T) => R | Promise<R>): Promise<R> {
      // Updates of one file from one process queue here rather than race for the lock file:
      // waiters polling one stale lock could each break it, and then two would hold it.
      const run = (inProcess.get(path) ?? Promise.resolve()).then(() => locked(change));
      inProcess.set(
        path,
        run.then(
          () => undefined,
          () => undefined,
        ),
      );
      return run;
    },
  };
}

/** Each state file's parsed state, shared by the stores of this process (see file-snapshot.ts). */
const sharedSnapshots = new Map<string, FileSnapshots<unknown>>();

/** The tail of each state file's in-process update queue. */
const inProcess = new Map<string, Promise<void>>();
