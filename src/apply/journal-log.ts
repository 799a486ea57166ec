import type { Journal, JournalStatus, ProviderJournal } from './journal.js';

/**
 * The progress of a journal: everything that changes while it runs. The record states (`before`,
 * `steps`: megabytes at 50,000 records) are written once, in the journal's base file; each save
 * after that appends one line of progress to its log (a few hundred bytes), so an apply writes
 * the records once instead of after every step of every provider.
 */
export interface ProgressLine {
  /** The journal the line belongs to: a log left by another journal is ignored. */
  readonly id: string;
  /** Lines at or below the base's `logSeq` are already in the base. */
  readonly seq: number;
  readonly status: JournalStatus;
  readonly providers: Readonly<Record<string, ProviderProgress>>;
}

type ProviderProgress = Pick<ProviderJournal, 'stepsDone' | 'status' | 'error' | 'expectFingerprint'>;

export function progressLine(journal: Journal, seq: number): string {
  const providers: Record<string, ProviderProgress> = {};
  for (const [id, entry] of Object.entries(journal.providers)) {
    providers[id] = {
      stepsDone: entry.stepsDone,
      status: entry.status,
      ...(entry.error === undefined ? {} : { error: entry.error }),
      ...(entry.expectFingerprint === undefined ? {} : { expectFingerprint: entry.expectFingerprint }),
    };
  }
  const line: ProgressLine = { id: journal.id, seq, status: journal.status, providers };
  return `${JSON.stringify(line)}\n`;
}

/**
 * Applies a log's lines to the journal read from its base: the last complete line of this
 * journal newer than the base wins (each line holds the whole progress). A line cut short by a
 * crash, or any line that does not parse, is skipped: it was never acknowledged. Returns the
 * highest sequence number seen, and whether the log ended in such a line.
 */
export function replayProgress(journal: Journal, baseSeq: number, log: string): { seq: number; torn: boolean } {
  let latest: ProgressLine | undefined;
  let torn = false;
  const lines = log.split('\n');
  // The text after the last newline is a line whose write did not finish.
  if (lines.at(-1) !== '') torn = true;
  for (const text of lines.slice(0, -1)) {
    const line = parseLine(text);
    if (line === undefined) {
      torn = true;
      continue;
    }
    if (line.id === journal.id && line.seq > baseSeq && (latest === undefined || line.seq > latest.seq)) latest = line;
  }
  if (latest !== undefined) applyProgress(journal, latest);
  return { seq: latest?.seq ?? baseSeq, torn };
}

function parseLine(text: string): ProgressLine | undefined {
  try {
    const line = JSON.parse(text) as ProgressLine;
    const wellFormed =
      typeof line?.id === 'string' &&
      typeof line.seq === 'number' &&
      typeof line.status === 'string' &&
      typeof line.providers === 'object' &&
      line.providers !== null;
    return wellFormed ? line : undefined;
  } catch {
    return undefined;
  }
}

function applyProgress(journal: Journal, line: ProgressLine): void {
  journal.status = line.status;
  for (const [id, progress] of Object.entries(line.providers)) {
    const entry = journal.providers[id];
    if (entry === undefined || typeof progress?.stepsDone !== 'number') continue;
    entry.stepsDone = progress.stepsDone;
    entry.status = progress.status;
    if (progress.error === undefined) delete entry.error;
    else entry.error = progress.error;
    if (progress.expectFingerprint === undefined) delete entry.expectFingerprint;
    else entry.expectFingerprint = progress.expectFingerprint;
  }
}
