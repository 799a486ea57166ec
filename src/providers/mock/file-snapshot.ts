import type { BigIntStats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { TrafficportError } from '../../errors.js';
import { mockStateCorrupt as corrupt } from '../mock-state-error.js';
import { deepFreeze } from './snapshot.js';
import { applyOps } from './state-diff.js';
import { BASE_HEAD_BYTES, baseGeneration, logGeneration, parseBase, parseEntries } from './state-log.js';
import { logPathOf } from './state-read.js';

/**
 * The state a store's files hold (state-log.ts: a base, and the log of changes since), parsed,
 * deep-frozen and cached, so that reading it again costs two small reads while nothing changed,
 * and a read after another process's change parses only the log lines added since. Other
 * processes, and other stores on the same path, write the files at any time, so every read
 * checks them:
 *
 * - A base in its envelope carries a generation that no other base has: a base with the
 *   generation and metadata (device, inode, size, mtime, ctime) of the one cached is that one.
 *   Within one generation the log only grows, so the bytes read before are still there.
 * - A plain base (no envelope: written by an older version or a tool) is identified by its
 *   metadata only if its ctime was at least RACY_MS older than the moment it was cached (Git's
 *   "racy git" rule: timestamps are coarse and inodes are reused, so two versions written
 *   within one tick can have equal metadata); otherwise its text is compared with the one cached.
 * - Each file is opened once per read, and its metadata taken from the open handle, so the stat
 *   and the text belong to the same file (writers replace files by rename).
 */

/** How old a plain file's last change must be before its metadata alone identifies its content. */
const RACY_MS = 2_000;

/** How often a read starts again because a compaction replaced the files while it read them. */
const ATTEMPTS = 20;

interface CachedBase<T> {
  /** The base's metadata when read (see versionOf). */
  readonly version: string;
  readonly generation: string | undefined;
  /** A plain base's text, to compare while its metadata cannot be trusted. */
  readonly text?: string;
  readonly trusted: boolean;
  readonly bytes: number;
  readonly state: T;
}

/** Where a store's files stand: what a writer needs to append to the log or replace the base. */
export interface StateView<T> {
  readonly state: T;
  /** The base's generation; undefined when there is no base, or a plain one. */
  readonly generation: string | undefined;
  readonly baseBytes: number;
  /** This base's log: bytes up to the end of its last complete line, and its last sequence number. */
  readonly log: { readonly bytes: number; readonly seq: number } | undefined;
}

export interface FileSnapshots<T> {
  /** The current state (or `initial()` while there is no base), deep-frozen. */
  load(): Promise<T>;
  view(): Promise<StateView<T>>;
  /** Records a line of `bytes` this process appended (under the lock) to the files `view` showed, leading to `state`. */
  appended(view: StateView<T>, state: T, bytes: number): void;
  /** Records a base (with its empty log) this process wrote under the lock. */
  rebased(state: T, base: { generation: string; version: string; bytes: number }, logBytes: number): void;
}

interface Cached<T> {
  readonly base: CachedBase<T>;
  readonly log: StateView<T>['log'];
  readonly state: T;
}

export function fileSnapshots<T>(path: string, initial: () => T): FileSnapshots<T> {
  let cached: Cached<T> | undefined;
  /** The base each view was read with, for `appended`. */
  const bases = new WeakMap<StateView<T>, CachedBase<T>>();

  async function view(): Promise<StateView<T>> {
    // Reads run concurrently with each other and with this process's writer: a read keeps what
    // it found only if nobody updated the cache while it read (it may have read less).
    const start = cached;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const base = await readBase();
      if (base === undefined) {
        if (cached === start) cached = undefined;
        return { state: deepFreeze(initial()), generation: undefined, baseBytes: 0, log: undefined };
      }
      const current = base.generation === undefined ? { state: base.state, log: undefined } : await readLog(base);
      if (current === 'moved') continue;
      if (cached === start) cached = { base, ...current };
      const seen = { state: current.state, generation: base.generation, baseBytes: base.bytes, log: current.log };
      bases.set(seen, base);
      return seen;
    }
    throw new Error(`mock state file ${path} kept changing while it was read`);
  }

  async function readBase(): Promise<CachedBase<T> | undefined> {
    const checkedAt = Date.now();
    const handle = await openIfExists(path);
    if (handle === undefined) return undefined;
    try {
      const info = await handle.stat({ bigint: true });
      const version = versionOf(info);
      const known = cached?.base;
      const generation = baseGeneration(await readHead(handle, BASE_HEAD_BYTES));
      if (known?.version === version && (generation !== undefined || known.trusted)) {
        if (known.generation === generation) return known;
      }
      const text = await handle.readFile('utf8');
      const trusted = checkedAt - Number(info.ctimeMs) > RACY_MS;
      const bytes = Number(info.size);
      if (known !== undefined && known.text !== undefined && known.text === text) {
        return { ...known, version, trusted, bytes };
      }
      const parsed = parseBase<T>(path, text);
      const state = deepFreeze(parsed.state);
      const plain = parsed.generation === undefined;
      return { version, generation: parsed.generation, ...(plain ? { text } : {}), trusted, bytes, state };
    } finally {
      await handle.close();
    }
  }

  /** The base with its log applied; 'moved' when a compaction replaced both meanwhile. */
  async function readLog(base: CachedBase<T>): Promise<Omit<Cached<T>, 'base'> | 'moved'> {
    const logPath = logPathOf(path);
    const handle = await openIfExists(logPath);
    if (handle === undefined) return { state: base.state, log: undefined };
    try {
      const size = Number((await handle.stat()).size);
      const head = await readHead(handle, 256);
      const newline = head.indexOf('\n');
      const generation = newline === -1 ? undefined : logGeneration(head.slice(0, newline));
      if (generation === undefined) throw corrupt(logPath, 'its first line is not the header of a mock state log');
      if (generation !== base.generation) {
        // Another base's log: a newer one (a compaction finished after the base was read: read
        // again) or an older one (a compaction stopped before replacing it: the base has it all).
        return (await baseGenerationNow()) === base.generation ? { state: base.state, log: undefined } : 'moved';
      }
      const resume = cached?.base === base && cached.log !== undefined && cached.log.bytes <= size ? cached : undefined;
      let state = resume?.state ?? base.state;
      let bytes = resume?.log?.bytes ?? Buffer.byteLength(head.slice(0, newline + 1));
      let seq = resume?.log?.seq ?? 0;
      if (size > bytes) {
        const chunk = Buffer.alloc(size - bytes);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, bytes);
        const parsed = parseEntries(logPath, chunk.subarray(0, bytesRead), seq);
        try {
          state = applyOps(
            state,
            parsed.entries.flatMap((entry) => entry.ops),
          );
        } catch (error) {
          throw corrupt(logPath, `a change in its log does not fit the state (${(error as Error).message})`);
        }
        bytes += parsed.consumed;
        seq = parsed.entries.at(-1)?.seq ?? seq;
      }
      return { state, log: { bytes, seq } };
    } finally {
      await handle.close();
    }
  }

  async function baseGenerationNow(): Promise<string | undefined> {
    const handle = await openIfExists(path);
    if (handle === undefined) return undefined;
    try {
      return baseGeneration(await readHead(handle, BASE_HEAD_BYTES));
    } finally {
      await handle.close();
    }
  }

  return {
    view: () => withErrors(view),
    load: async () => (await withErrors(view)).state,
    appended(seen, state, bytes) {
      const base = bases.get(seen);
      if (base === undefined || seen.log === undefined) throw new Error(`no log of ${path} to append to`);
      cached = { base, state, log: { bytes: seen.log.bytes + bytes, seq: seen.log.seq + 1 } };
    },
    rebased(state, base, logBytes) {
      cached = {
        base: { version: base.version, generation: base.generation, trusted: true, bytes: base.bytes, state },
        log: { bytes: logBytes, seq: 0 },
        state,
      };
    },
  };

  async function withErrors<R>(read: () => Promise<R>): Promise<R> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof TrafficportError) throw error;
      throw new Error(`mock state file ${path} is unreadable: ${(error as Error).message}`);
    }
  }
}

async function openIfExists(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file's first bytes (a read at position 0: the handle's own position stays at 0). */
async function readHead(handle: FileHandle, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.toString('utf8', 0, bytesRead);
}

export function versionOf(info: BigIntStats): string {
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}
