import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/write-file.js';
import { formatInstant } from '../policy/time.js';

/**
 * The newest apply of a state directory that changed nothing: refused before it wrote (unsafe,
 * degraded, a foreign record, locked, cancelled) or with nothing to change. It has no journal, so
 * without this note `rollback` would undo the apply before it as if it were the last one.
 * Removed when an apply starts its journal.
 */
export interface LastAttempt {
  readonly version: 1;
  readonly kind: 'trafficport-attempt';
  readonly at: string;
  readonly outcome: 'refused' | 'nothing to apply';
  readonly code?: string;
}

const FILE = 'last-attempt.json';

export async function noteAttempt(dir: string, now: number, outcome: LastAttempt['outcome'], code?: string) {
  const note: LastAttempt = {
    version: 1,
    kind: 'trafficport-attempt',
    at: formatInstant(now),
    outcome,
    ...(code === undefined ? {} : { code }),
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(dir, FILE), `${JSON.stringify(note)}\n`, {
    overwrite: true,
    mode: 0o600,
    what: 'the note of the last apply',
  });
}

export async function clearAttempt(dir: string): Promise<void> {
  await rm(join(dir, FILE), { force: true });
}

export async function lastAttempt(dir: string): Promise<LastAttempt | undefined> {
  try {
    const note = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as LastAttempt;
    return note?.kind === 'trafficport-attempt' ? note : undefined;
  } catch {
    return undefined;
  }
}
