import { mockStateCorrupt as corrupt } from '../mock-state-error.js';
import type { StateOp } from './state-diff.js';

/**
 * The text formats of a file store (state-store.ts): a base file holding a whole state, and an
 * append-only log of the changes made since, one line per update.
 *
 *   route53.json      {"mockState":1,"generation":"<hex>","state":{...}}
 *   route53.json.log  {"mockStateLog":1,"generation":"<hex>"}
 *                     {"seq":1,"ops":[...]}
 *                     {"seq":2,"ops":[...]}
 *
 * A log belongs to the base with its generation; any other log (left by a compaction that
 * stopped between writing the base and replacing the log) is ignored. A base without the
 * envelope is a plain state, as older versions wrote and as tools may write: it has no log.
 */

export interface ParsedBase<T> {
  /** Undefined for a plain state (no envelope). */
  readonly generation: string | undefined;
  readonly state: T;
}

const BASE_HEAD = /^\{"mockState":1,"generation":"([0-9a-f]{8,64})","state":/;
const LOG_HEAD = /^\{"mockStateLog":1,"generation":"([0-9a-f]{8,64})"\}$/;

/** How many bytes of a base file hold its generation: enough for BASE_HEAD. */
export const BASE_HEAD_BYTES = 128;

/** The base file's text, in pieces (a state of 500,000 records is more text than one string may hold). */
export function* baseText(generation: string, state: unknown): Generator<string> {
  yield `{"mockState":1,"generation":"${generation}","state":`;
  yield* jsonPieces(state, 4);
  yield '}\n';
}

/** The generation in the first bytes of a base file; undefined for a plain state. */
export function baseGeneration(head: string): string | undefined {
  return BASE_HEAD.exec(head)?.[1];
}

/**
 * The state in a base file's text. A damaged file is the user's to deal with, not a provider
 * outage: the error names the file and what is wrong, and the mocks pass it through instead of
 * answering with a 5xx that the SDK would retry and report as the service being down.
 */
export function parseBase<T>(path: string, text: string): ParsedBase<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, `it is not valid JSON (${(error as Error).message})`);
  }
  const generation = baseGeneration(text.slice(0, BASE_HEAD_BYTES));
  const state = generation === undefined ? value : (value as { state?: unknown }).state;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    const what = Array.isArray(state) ? 'an array' : String(state);
    throw corrupt(path, `it holds ${what}, not a state object`);
  }
  return { generation, state: state as T };
}

export function logHeaderText(generation: string): string {
  return `{"mockStateLog":1,"generation":"${generation}"}\n`;
}

/** The generation a log's first line names; undefined if it is not a log header. */
export function logGeneration(line: string): string | undefined {
  return LOG_HEAD.exec(line)?.[1];
}

export function entryText(seq: number, ops: readonly StateOp[]): string {
  return `${JSON.stringify({ seq, ops })}\n`;
}

export interface LogEntry {
  readonly seq: number;
  readonly ops: readonly StateOp[];
}

export interface ParsedEntries {
  readonly entries: LogEntry[];
  /** Bytes of `chunk` up to the end of its last complete line. */
  readonly consumed: number;
}

/**
 * The complete lines of a piece of a log that starts at a line boundary. The bytes after the last
 * newline are a line still being written, or one cut short by a crash: never acknowledged, so
 * not applied (the next writer cuts them off before it appends). A complete line that does not
 * parse, or breaks the sequence, is damage: the error names the log and the line.
 */
export function parseEntries(path: string, chunk: Buffer, previousSeq: number): ParsedEntries {
  const entries: LogEntry[] = [];
  let start = 0;
  let seq = previousSeq;
  for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
    const entry = parseEntry(chunk.toString('utf8', start, end));
    // Line 1 is the header, so change n is on line n + 1.
    if (entry === undefined) throw corrupt(path, `line ${seq + 2} is not a change entry`);
    if (entry.seq !== seq + 1) throw corrupt(path, `line ${seq + 2} holds change ${entry.seq}, not ${seq + 1}`);
    entries.push(entry);
    seq = entry.seq;
    start = end + 1;
  }
  return { entries, consumed: start };
}

function parseEntry(text: string): LogEntry | undefined {
  try {
    const entry = JSON.parse(text) as Partial<LogEntry>;
    return typeof entry?.seq === 'number' && Array.isArray(entry.ops) ? (entry as LogEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Exactly `JSON.stringify(value)` for JSON values, in pieces down to `depth` levels. */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (value === null || typeof value !== 'object' || depth <= 0 || typeof (value as Json).toJSON === 'function') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) yield ',';
      const item: unknown = value[index];
      if (omitted(item)) yield 'null';
      else yield* jsonPieces(item, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (omitted(item)) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth - 1);
  }
  yield '}';
}

type Json = { toJSON?: unknown };

const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
