import type { BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';
import { TrafficportError } from '../../errors.js';
import { mockStateCorrupt as corrupt } from '../mock-state-error.js';
import { deepFreeze } from './snapshot.js';

/**
 * The parsed, deep-frozen state of one state file, cached so that reading it again costs a stat
 * while the file is unchanged, instead of a parse of the whole file (a parse per request made
 * large mock states unusable). Other processes, and other stores on the same path, write the
 * file at any time, so every read checks it:
 *
 * - The file is opened and its metadata read from the open handle, so the stat and the text
 *   read belong to the same file (writers replace it by rename; an open file keeps its content).
 * - A cached state is reused without reading the file only if device, inode, size, mtime and
 *   ctime all match AND the file's ctime was at least RACY_MS older than the moment we looked.
 *   Timestamps are coarse (a few ms on Linux, 1–2 s on some filesystems) and inodes are reused,
 *   so two versions written within one tick can have equal metadata; a version that was already
 *   RACY_MS old when cached cannot be followed by one with the same timestamps. (Git's "racy
 *   git" rule. ctime, unlike mtime, cannot be set back by another program.)
 * - Otherwise the text is read and compared with the cached text: equal text reuses the cached
 *   state, which still saves the parse; different text is parsed.
 */

/** How old a file's last change must be before its metadata alone identifies its content. */
const RACY_MS = 2_000;

interface Cached<T> {
  /** The file's metadata when it was read; '' when unknown (our own write). */
  readonly version: string;
  readonly text: string;
  readonly state: T;
  /** Whether `version` alone identifies `text` (see RACY_MS). */
  readonly trusted: boolean;
}

export interface FileSnapshots<T> {
  /** The file's current state (or `initial()` while there is no file), deep-frozen. */
  load(): Promise<T>;
  /** Records the state just written as `text` (by rename, under the lock). */
  remember(state: T, text: string): void;
}

export function fileSnapshots<T>(path: string, initial: () => T): FileSnapshots<T> {
  let cached: Cached<T> | undefined;

  async function readCurrent(): Promise<T> {
    const checkedAt = Date.now();
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat({ bigint: true });
      const version = versionOf(info);
      if (cached?.trusted && cached.version === version) return cached.state;
      const text = await handle.readFile('utf8');
      const state = cached !== undefined && cached.text === text ? cached.state : deepFreeze(parseState<T>(path, text));
      cached = { version, text, state, trusted: checkedAt - Number(info.ctimeMs) > RACY_MS };
      return state;
    } finally {
      await handle.close();
    }
  }

  return {
    async load() {
      try {
        return await readCurrent();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return deepFreeze(initial());
        if (error instanceof TrafficportError) throw error;
        throw new Error(`mock state file ${path} is unreadable: ${(error as Error).message}`);
      }
    },
    remember(state, text) {
      // Not trusted: the next read compares the text once, which also covers a lock broken by
      // another process that wrote right after us.
      cached = { version: '', text, state, trusted: false };
    },
  };
}

/**
 * The state in a file's text. A damaged file is the user's to deal with, not a provider outage:
 * the error names the file and what is wrong, and the mocks pass it through instead of answering
 * with a 5xx that the SDK would retry and report as the service being down.
 */
function parseState<T>(path: string, text: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, `it is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corrupt(path, `it holds ${Array.isArray(value) ? 'an array' : String(value)}, not a state object`);
  }
  return value as T;
}

function versionOf(info: BigIntStats): string {
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}
