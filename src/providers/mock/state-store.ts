import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { writeAtEnd, writeFileAtomic } from '../../io/write-file.js';
import { type FileSnapshots, fileSnapshots, versionOf } from './file-snapshot.js';
import { deepFreeze, produce } from './snapshot.js';
import { diffStates } from './state-diff.js';
import { lockStateFile } from './state-lock.js';
import { baseText, entryText, logHeaderText } from './state-log.js';
import { logPathOf } from './state-read.js';

/**
 * Where a mock backend keeps its state. In memory for unit tests; in files so successive commands
 * (separate processes) see what earlier ones applied: a base file with a whole state and a log
 * of the changes since (state-log.ts). An update takes an exclusive lock file, reads what other
 * processes added, and appends one line with what it changed (state-diff.ts), flushed to the
 * disk before the update returns; a crash can cut only that line short, and readers ignore a
 * line without its end. When the log outgrows a fraction of the base, and when the process ends
 * cleanly, the state is written as a new base (temp file + rename) with an empty log: the work
 * of a change request is what it changed, not the size of the state. Files are owner-only (0600).
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
  /** The log is compacted into a new base once it passes this many bytes... */
  readonly compactMinBytes?: number;
  /** ...and this fraction of the base's size. */
  readonly compactRatio?: number;
  /** A cache of its own rather than the one this process shares per file: reads as another process would. */
  readonly privateCache?: boolean;
  /** How files are written; tests stop a write part-way, as a crash would. */
  readonly writes?: StoreWrites;
}

/** The two ways a file store writes. */
export interface StoreWrites {
  /** Cuts the file to `offset` bytes, writes `text` there and flushes it to the disk. */
  append(path: string, offset: number, text: string): Promise<void>;
  /** Replaces the file with `text`, flushed, by rename: readers see the old file or the new. */
  replace(path: string, text: Iterable<string>): Promise<void>;
}

const WHAT = 'the mock state file';

export const fileWrites: StoreWrites = {
  append: (path, offset, text) => writeAtEnd(path, offset, text, { what: WHAT }),
  async replace(path, text) {
    await writeFileAtomic(path, text, { overwrite: true, mode: 0o600, what: WHAT, sync: true });
  },
};

export function fileStore<T>(path: string, initial: () => T, options: FileStoreOptions = {}): StateStore<T> {
  const lockOptions = { lockTimeoutMs: options.lockTimeoutMs ?? 10_000, staleLockMs: options.staleLockMs ?? 30_000 };
  const compactMinBytes = options.compactMinBytes ?? 4 * 2 ** 20;
  const compactRatio = options.compactRatio ?? 0.5;
  const writes = options.writes ?? fileWrites;
  const logPath = logPathOf(path);

  // One cache per file in the process: the stores of ten providers on one state file would each
  // read the other stores' changes again.
  let snapshots = options.privateCache === true ? undefined : (sharedSnapshots.get(path) as FileSnapshots<T>);
  if (snapshots === undefined) {
    snapshots = fileSnapshots(path, initial);
    if (options.privateCache !== true) sharedSnapshots.set(path, snapshots as FileSnapshots<unknown>);
  }
  const cache = snapshots;

  /** Writes `state` as a new base with an empty log (base first: a log of another base is ignored). */
  async function compact(state: T): Promise<void> {
    const generation = randomBytes(8).toString('hex');
    await writes.replace(path, baseText(generation, state));
    const info = await stat(path, { bigint: true });
    const header = logHeaderText(generation);
    await writes.replace(logPath, [header]);
    cache.rebased(state, { generation, version: versionOf(info), bytes: Number(info.size) }, header.length);
    unclosed.delete(path);
  }

  async function locked<R>(change: (state: T) => R | Promise<R>): Promise<R> {
    const unlock = await lockStateFile(path, lockOptions);
    try {
      const view = await cache.view();
      const next = await produce(view.state, change);
      if (next.state === view.state) return next.result;
      if (view.generation === undefined || view.log === undefined) {
        // No base yet, a plain one, or a log left by a compaction that stopped half-way.
        await compact(next.state);
        return next.result;
      }
      const line = entryText(view.log.seq + 1, diffStates(view.state, next.state));
      await writes.append(logPath, view.log.bytes, line);
      const bytes = Buffer.byteLength(line);
      cache.appended(view, next.state, bytes);
      if (view.log.bytes + bytes > Math.max(compactMinBytes, compactRatio * view.baseBytes)) await compact(next.state);
      else unclosed.set(path, closeOnce);
      return next.result;
    } finally {
      await unlock();
    }
  }

  /** Compacts what the log holds (this process's changes and any since), if the files are still there. */
  async function close(): Promise<void> {
    unclosed.delete(path);
    if (!existsSync(path)) return;
    const unlock = await lockStateFile(path, lockOptions);
    try {
      const view = await cache.view();
      if (view.log !== undefined && view.log.seq > 0) await compact(view.state);
    } finally {
      await unlock();
    }
  }
  const closeOnce = () => queued(close);

  function queued<R>(run: () => Promise<R>): Promise<R> {
    // Updates of one file from one process queue here rather than race for the lock file:
    // waiters polling one stale lock could each break it, and then two would hold it.
    const next = (inProcess.get(path) ?? Promise.resolve()).then(run);
    inProcess.set(
      path,
      next.then(
        () => undefined,
        () => undefined,
      ),
    );
    return next;
  }

  return {
    read: () => cache.load(),
    update: <R>(change: (state: T) => R | Promise<R>) =>
      queued(() => {
        if (stopping) throw new MockStoppingError();
        return locked(change);
      }),
  };
}

/** An update refused because the process is stopping (`closeMockStores`): nothing was changed. */
export class MockStoppingError extends Error {
  constructor() {
    super('the mock backend is stopping; the change was not made');
  }
}

/**
 * Stops the stores of this process at a clean close (`mock serve` interrupted): an update already
 * running finishes (its log line is written whole, or, cut by a crash, ignored), updates still
 * queued behind it are refused without changing anything, and then the logs are compacted. A
 * server that took many requests would otherwise run every queued update before it could stop.
 */
export async function closeMockStores(): Promise<void> {
  stopping = true;
  try {
    // The queues' tails settle once the running updates end: the rest now fail at once.
    await Promise.all([...inProcess.values()]);
    await compactMockStores();
  } finally {
    stopping = false;
  }
}

/**
 * Compacts the logs this process appended to and has not compacted since, as at a clean close
 * (`mock serve` stopping, a command ending): the state files are then whole bases again.
 */
export async function compactMockStores(): Promise<void> {
  const pending = [...unclosed.values()];
  unclosed.clear();
  await Promise.allSettled(pending.map((close) => close()));
}

/** Each state file's parsed state, shared by the stores of this process (see file-snapshot.ts). */
const sharedSnapshots = new Map<string, FileSnapshots<unknown>>();

/** The tail of each state file's in-process update queue. */
const inProcess = new Map<string, Promise<void>>();

/** Set while `closeMockStores` runs: queued updates are refused rather than run. */
let stopping = false;

/** The files whose log this process appended to since their last compaction: path → compaction. */
const unclosed = new Map<string, () => Promise<void>>();

// A command that ends by running out of work (not by process.exit) compacts what it logged. A
// failure leaves the log, which every reader applies: nothing is lost, so nothing is reported.
process.on('beforeExit', () => {
  if (unclosed.size > 0) void compactMockStores();
});
