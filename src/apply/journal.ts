import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TrafficportError } from '../errors.js';
import { ensurePrivateDir } from '../io/private-dir.js';
import { appendFileText, writeFileAtomic } from '../io/write-file.js';
import type { Resource } from '../render/types.js';
import { jsonChunks } from '../util/json-chunks.js';
import { progressLine, replayProgress } from './journal-log.js';

/** `superseded`: archived unfinished because it wrote nothing, when a new apply started. */
export type JournalStatus = 'in-progress' | 'done' | 'failed' | 'rolled-back' | 'superseded';

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
 * The record of one apply, saved before and after every step so an interrupted apply can be
 * resumed (`apply --resume`) or undone (`rollback`). Lives in the state directory, owner-only:
 * `current.json` (the base: the whole journal as it was when last compacted) and `current.log`
 * (one line of progress per save since; see journal-log.ts).
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
  /**
   * The run writing it, as its zone leases name it (docs/locking.md): while that process lives,
   * an unfinished journal is a running apply, not an interrupted one. Absent in older journals.
   */
  readonly holder?: JournalHolder;
}

export interface JournalHolder {
  readonly run: string;
  readonly command: string;
  readonly host: string;
  readonly pid: number;
  readonly since: number;
}

const CURRENT = 'current.json';
const LOG = 'current.log';

/** A journal from its file text; throws (plainly) when the text is not a journal of this version. */
export function parseJournal(text: string): Journal {
  return parseBase(text).journal;
}

/** A base file: the journal, and the last log line already in it (`logSeq`, 0 if none). */
function parseBase(text: string): { journal: Journal; seq: number } {
  const journal = JSON.parse(text) as Journal & { logSeq?: unknown };
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
  const seq = typeof journal.logSeq === 'number' ? journal.logSeq : 0;
  delete journal.logSeq;
  return { journal, seq };
}

/** The record states a base file was written with, by identity: they never change in place. */
type RecordStates = ReadonlyMap<string, { readonly before: unknown; readonly steps: unknown }>;

function recordStatesOf(journal: Journal): RecordStates {
  return new Map(Object.entries(journal.providers).map(([id, p]) => [id, { before: p.before, steps: p.steps }]));
}

function sameRecordStates(journal: Journal, states: RecordStates): boolean {
  const entries = Object.entries(journal.providers);
  return (
    entries.length === states.size &&
    entries.every(([id, p]) => states.get(id)?.before === p.before && states.get(id)?.steps === p.steps)
  );
}

/**
 * Saves journals in linear time: the base once per journal (and again to compact it when the
 * journal ends), one appended line of progress per save in between. Crash-safe like the single
 * file was: the base is replaced atomically, a log line cut short is ignored on load (its save
 * never returned), and log lines the base already holds (by sequence number) are skipped.
 */
export class JournalStore {
  /** What this store last wrote as the base (or loaded): the journal's id and record states. */
  private base: { readonly id: string; readonly states: RecordStates } | undefined;
  private seq = 0;
  /** Whether the base holds the latest progress (nothing appended since it was written). */
  private compacted = false;

  constructor(private readonly directory: string) {}

  get path(): string {
    return join(this.directory, CURRENT);
  }

  private get logPath(): string {
    return join(this.directory, LOG);
  }

  async load(): Promise<Journal | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw unreadable(this.path, error);
    }
    try {
      const { journal, seq } = parseBase(text);
      const log = await readFile(this.logPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const replayed = replayProgress(journal, seq, log);
      this.seq = replayed.seq;
      // A torn line would run into the next one appended: start the next save with a new base.
      this.base = replayed.torn ? undefined : { id: journal.id, states: recordStatesOf(journal) };
      this.compacted = log === '';
      return journal;
    } catch (error) {
      throw unreadable(this.path, error);
    }
  }

  /** Persists the journal, owner-only: never a torn file, never world-readable. */
  async save(journal: Journal): Promise<void> {
    const appendable =
      this.base !== undefined &&
      this.base.id === journal.id &&
      journal.status === 'in-progress' &&
      sameRecordStates(journal, this.base.states);
    if (!appendable) {
      await this.writeBase(journal);
      return;
    }
    this.seq += 1;
    await appendFileText(this.logPath, progressLine(journal, this.seq), { mode: 0o600, what: 'the apply journal' });
    this.compacted = false;
  }

  /** Moves a finished journal out of the way, keeping it for the record (as one file). */
  async archive(journal: Journal): Promise<string> {
    if (!this.compacted || this.base?.id !== journal.id) await this.writeBase(journal);
    const target = join(this.directory, `${journal.id}.json`);
    await rename(this.path, target);
    await rm(this.logPath, { force: true });
    this.base = undefined;
    return target;
  }

  async discard(): Promise<void> {
    await rm(this.path, { force: true });
    await rm(this.logPath, { force: true });
    this.base = undefined;
  }

  /**
   * Writes the whole journal as the new base, then drops the log: lines left by a crash between
   * the two are at or below the base's sequence number, and ignored.
   */
  private async writeBase(journal: Journal): Promise<void> {
    await ensurePrivateDir(this.directory);
    this.seq += 1;
    await writeFileAtomic(this.path, baseChunks(journal, this.seq), {
      overwrite: true,
      mode: 0o600,
      what: 'the apply journal',
    });
    await rm(this.logPath, { force: true });
    this.base = { id: journal.id, states: recordStatesOf(journal) };
    this.compacted = true;
  }
}

function unreadable(path: string, error: unknown): TrafficportError {
  return new TrafficportError(
    'JOURNAL.UNREADABLE',
    `the apply journal ${path} is unreadable: ${(error as Error).message}`,
    {
      hint: 'move it aside if it is damaged; nothing else depends on it',
    },
  );
}

function* baseChunks(journal: Journal, seq: number): Generator<string> {
  yield* jsonChunks({ ...journal, logSeq: seq }, false);
  yield '\n';
}

/** The journal as JSON (what JSON.stringify gives), built in pieces. */
export function journalJson(journal: Journal): string {
  return [...jsonChunks(journal, false)].join('');
}
