import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrafficportError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file.js';
import type { HandOver } from '../providers/types.js';
import type { JsonValue, Resource } from '../render/types.js';

/**
 * The record of one adoption, kept in `<state>/adopt/` (owner-only): the foreign sets it
 * replaced, exactly as read and in deletion order, so `rollback` can put them back byte for byte,
 * and the owned sets it wrote. Written before the request (in-progress) and after it.
 */
export interface AdoptJournal {
  readonly version: 1;
  readonly kind: 'trafficport-adopt';
  readonly id: string;
  readonly startedAt: string;
  readonly service: string;
  status: 'in-progress' | 'done' | 'failed' | 'rolled-back';
  readonly providers: Record<string, AdoptProviderEntry>;
}

export interface AdoptProviderEntry {
  /** The foreign bodies exactly as read (Route 53: the SDK's sets; Azure: canonical), in removal order. */
  readonly removed: readonly JsonValue[];
  readonly created: readonly Resource[];
  /** Azure: the ordered hand-over, foreign resources with their keys (providers/types.ts). */
  readonly handOver?: HandOver;
  /** Absent in journals written before resumable adoptions: read as pending unless the journal is done. */
  status?: 'pending' | 'done' | 'failed';
  error?: { readonly code: string; readonly message: string };
}

export function adoptDir(stateDir: string): string {
  return join(stateDir, 'adopt');
}

export async function saveAdoptJournal(dir: string, journal: AdoptJournal): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(dir, `${journal.id}.json`), `${JSON.stringify(journal)}\n`, {
    overwrite: true,
    mode: 0o600,
    what: 'the adopt journal',
  });
}

/**
 * The newest adoption not given back (done, or interrupted: in-progress or failed; ids start
 * with their UTC time), if any: so successive rollbacks give back adoptions newest first.
 */
export async function latestAdoption(dir: string): Promise<AdoptJournal | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  for (const name of names.reverse()) {
    const path = join(dir, name);
    let journal: AdoptJournal;
    try {
      journal = JSON.parse(await readFile(path, 'utf8')) as AdoptJournal;
      if (journal?.kind !== 'trafficport-adopt' || journal.version !== 1) throw new Error('not an adopt journal');
    } catch (error) {
      throw new TrafficportError(
        'JOURNAL.UNREADABLE',
        `the adopt journal ${path} is unreadable: ${(error as Error).message}`,
        { hint: 'move it aside if it is damaged' },
      );
    }
    if (journal.status !== 'rolled-back') return journal;
  }
  return undefined;
}

/** When the newest apply journal in `journalDir` started (ISO text), if there is one. */
export async function latestApplyStart(journalDir: string): Promise<string | undefined> {
  const names = (await readdir(journalDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  let latest: string | undefined;
  for (const name of names) {
    try {
      const { startedAt } = JSON.parse(await readFile(join(journalDir, name), 'utf8')) as { startedAt?: string };
      if (typeof startedAt === 'string' && (latest === undefined || startedAt > latest)) latest = startedAt;
    } catch {
      // Unreadable apply journals are the apply rollback's to report.
    }
  }
  return latest;
}
