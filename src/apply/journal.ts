import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TrafficportError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file.js';
import type { Resource } from '../render/types.js';

export type JournalStatus = 'in-progress' | 'done' | 'failed' | 'rolled-back';

export interface ProviderJournal {
  /**
   * What trafficport owned at the provider before the apply: the rollback target. Null when the
   * provider could not be read, so a rollback leaves it alone rather than delete what it has.
   */
  readonly before: readonly Resource[] | null;
  /**
   * The live fingerprint the user reviewed. The first step refuses to write if the provider no
   * longer matches it (someone changed records meanwhile); cleared once checked.
   */
  expectFingerprint?: string;
  /** Desired states in order: ramp steps, the last one being the plan's. */
  readonly steps: readonly (readonly Resource[])[];
  /** Steps fully applied so far. */
  stepsDone: number;
  status: 'pending' | 'applying' | 'done' | 'failed';
  error?: { code: string; message: string };
}

/**
 * The record of one apply, written before and after every step so an interrupted apply can be
 * resumed (`apply --resume`) or undone (`rollback`). Lives in the state directory, owner-only.
 */
export interface Journal {
  readonly version: 1;
  readonly kind: 'trafficport-journal';
  readonly id: string;
  readonly startedAt: string;
  readonly policySha256: string;
  readonly planAt: string;
  /** Seconds to wait between ramp steps (at least the largest TTL). */
  readonly stepWaitSeconds: number;
  /**
   * The services the apply was made for (`--service`); absent: every service. Resume and
   * rollback read and write only these services' records.
   */
  readonly services?: readonly string[];
  status: JournalStatus;
  readonly providers: Record<string, ProviderJournal>;
}

const CURRENT = 'current.json';

/** A journal from its file text; throws (plainly) when the text is not a journal of this version. */
export function parseJournal(text: string): Journal {
  const journal = JSON.parse(text) as Journal;
  if (journal?.kind !== 'trafficport-journal' || journal.version !== 1) throw new Error('not a journal');
  const entries = typeof journal.providers === 'object' && journal.providers !== null ? journal.providers : undefined;
  const wellFormed =
    entries !== undefined &&
    Object.values(entries).every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        Array.isArray(entry.steps) &&
        typeof entry.stepsDone === 'number' &&
        (entry.before === null || Array.isArray(entry.before)),
    );
  if (!wellFormed) throw new Error('its providers are missing or malformed');
  return journal;
}

export class JournalStore {
  constructor(private readonly directory: string) {}

  get path(): string {
    return join(this.directory, CURRENT);
  }

  async load(): Promise<Journal | undefined> {
    try {
      return parseJournal(await readFile(this.path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new TrafficportError(
        'JOURNAL.UNREADABLE',
        `the apply journal ${this.path} is unreadable: ${(error as Error).message}`,
        {
          hint: 'move it aside if it is damaged; nothing else depends on it',
        },
      );
    }
  }

  /** Persists the journal atomically, owner-only: never a torn file, never world-readable. */
  async save(journal: Journal): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${journalJson(journal)}\n`, {
      overwrite: true,
      mode: 0o600,
      what: 'the apply journal',
    });
  }

  /** Moves a finished journal out of the way, keeping it for the record. */
  async archive(journal: Journal): Promise<string> {
    const target = join(this.directory, `${journal.id}.json`);
    await rename(this.path, target);
    return target;
  }

  async discard(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/** JSON text of the record states (`before`, `steps`), which never change once a journal exists. */
const recordJson = new WeakMap<object, string>();

/**
 * The journal as JSON (what JSON.stringify gives, member for member). A journal is saved before
 * and after every step while its record states stay as they were: at 50,000 records they are
 * megabytes, so their text is made once and reused, and each save serializes only the progress.
 */
export function journalJson(journal: Journal): string {
  const { providers, ...head } = journal;
  const entries = Object.entries(providers).map(([id, entry]) => `${JSON.stringify(id)}:${providerJson(entry)}`);
  const start = JSON.stringify(head).slice(0, -1);
  return `${start}${start === '{' ? '' : ','}"providers":{${entries.join(',')}}}`;
}

function providerJson(entry: ProviderJournal): string {
  const members = Object.entries(entry)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const frozen = (key === 'before' || key === 'steps') && typeof value === 'object' && value !== null;
      return `${JSON.stringify(key)}:${frozen ? cachedJson(value) : JSON.stringify(value)}`;
    });
  return `{${members.join(',')}}`;
}

function cachedJson(value: object): string {
  let text = recordJson.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    recordJson.set(value, text);
  }
  return text;
}
