import { readFileSync } from 'node:fs';
import { mockStateCorrupt as corrupt } from '../mock-state-error.js';
import { applyOps } from './state-diff.js';
import { logGeneration, parseBase, parseEntries } from './state-log.js';

export const logPathOf = (path: string) => `${path}.log`;

/**
 * The state a mock's state files hold (state-log.ts: the base with its log applied), as a plain
 * copy the caller may change; undefined when there is no state file. For tests and tools that
 * look at a quiet state directory: the base file alone is not the state while its log has lines.
 * A running process reads through its store (file-snapshot.ts), which also follows concurrent
 * writers. To replace a state, write it as plain JSON to the base path: a plain base has no log.
 */
export function readMockStateFile<T = unknown>(path: string): T | undefined {
  const text = readIfExists(path)?.toString('utf8');
  if (text === undefined) return undefined;
  const base = parseBase<T>(path, text);
  if (base.generation === undefined) return base.state;
  const logPath = logPathOf(path);
  const log = readIfExists(logPath);
  if (log === undefined) return base.state;
  const newline = log.indexOf(10);
  const generation = newline === -1 ? undefined : logGeneration(log.toString('utf8', 0, newline));
  if (generation === undefined) throw corrupt(logPath, 'its first line is not the header of a mock state log');
  if (generation !== base.generation) return base.state;
  const { entries } = parseEntries(logPath, log.subarray(newline + 1), 0);
  return structuredClone(
    applyOps(
      base.state,
      entries.flatMap((entry) => entry.ops),
    ),
  );
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
