import { codeEntry, type ErrorCode } from './error-codes.js';

export type { ErrorCode };

/**
 * The one error type of trafficport. Everything the user can cause (bad input, stale plans,
 * provider refusals) becomes a TrafficportError with a stable code, so the CLI can map it to an
 * exit code and a JSON envelope without guessing from message text.
 */
export interface SourceLocation {
  readonly file: string;
  /** 1-based line and column; absent when the problem has no single place (e.g. an empty file). */
  readonly line?: number;
  readonly column?: number;
}

export type Severity = 'error' | 'warning';

/** One finding about an input: what is wrong, where, and how to fix it. */
export interface Diagnostic {
  readonly severity: Severity;
  /** `AREA.UPPER_SNAKE`, e.g. `POLICY.UNKNOWN_REGION`; every code is in the catalogue (error-codes.ts). */
  readonly code: ErrorCode;
  readonly message: string;
  /** Field path inside the document, e.g. `endpoints.aws-fra.region`. */
  readonly path: string;
  readonly location: SourceLocation;
  /** A concrete fix, e.g. "did you mean 'eu-central-1'?". */
  readonly hint?: string;
}

export interface ErrorDetails {
  /** The fix for this case; without one, the catalogue's general fix for the code. */
  readonly hint?: string;
  /** The items of a long finding (each degradation, each exceeded limit), printed as a list. */
  readonly items?: readonly string[];
  readonly location?: SourceLocation;
  readonly diagnostics?: readonly Diagnostic[];
  readonly cause?: unknown;
}

export class TrafficportError extends Error {
  override readonly name = 'TrafficportError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly items: readonly string[];
  readonly location: SourceLocation | undefined;
  readonly diagnostics: readonly Diagnostic[];

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.hint = details.hint ?? codeEntry(code).hint;
    this.items = details.items ?? [];
    this.location = details.location;
    this.diagnostics = details.diagnostics ?? [];
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.items.length === 0 ? {} : { items: this.items }),
      ...(this.location === undefined ? {} : { location: this.location }),
      ...(this.diagnostics.length === 0 ? {} : { diagnostics: this.diagnostics }),
    };
  }
}

/** The process exit code an error of this code ends a command with: 64 usage, 130 Ctrl-C, else 1. */
export function exitCodeOf(code: ErrorCode): 1 | 64 | 130 {
  return EXIT_NUMBERS[codeEntry(code).exit];
}

const EXIT_NUMBERS = { usage: 64, interrupted: 130, error: 1 } as const;

export function isTrafficportError(value: unknown): value is TrafficportError {
  return value instanceof TrafficportError;
}

/** Formats a location as `file:line:column`, the form editors and CI annotations understand. */
export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}
