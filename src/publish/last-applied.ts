import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJournal } from '../apply/journal.js';
import type { Resource } from '../render/types.js';

/** What the last finished apply wrote to each provider: the state drift is measured from. */
export interface LastApplied {
  readonly journal: string;
  readonly startedAt: string;
  readonly providers: ReadonlyMap<string, readonly Resource[]>;
}

/** Archived journals are named `<start time>-<random>.json`: newest last in name order. */
const ARCHIVED = /^\d{4}-\d{2}-\d{2}T\d+(\.\d+)?Z-[0-9a-f]+\.json$/;
/** Journals looked at before giving up (each later one unfinished or unreadable). */
const LOOK_BACK = 20;

/**
 * The newest archived journal of a finished apply, with each provider's final desired state
 * (the records that apply left behind), or undefined when there is none. Read-only.
 */
export async function lastApplied(directory: string): Promise<LastApplied | undefined> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => ARCHIVED.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  for (const name of names.reverse().slice(0, LOOK_BACK)) {
    let journal: ReturnType<typeof parseJournal>;
    try {
      journal = parseJournal(await readFile(join(directory, name), 'utf8'));
    } catch {
      continue;
    }
    if (journal.status !== 'done') continue;
    const providers = new Map<string, readonly Resource[]>();
    for (const [id, entry] of Object.entries(journal.providers)) {
      const last = entry.steps.at(-1);
      if (entry.status === 'done' && last !== undefined) providers.set(id, last);
    }
    return { journal: name, startedAt: journal.startedAt, providers };
  }
  return undefined;
}
