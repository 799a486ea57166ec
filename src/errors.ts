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
  /** `AREA.UPPER_SNAKE`, e.g. `POLICY.UNKNOWN_REGION`. */
  readonly code: string;
  readonly message: string;
  /** Field path inside the document, e.g. `endpoints.aws-fra.region`. */
  readonly path: string;
  readonly location: SourceLocation;
  /** A concrete fix, e.g. "did you mean 'eu-central-1'?". */
  readonly hint?: string;
}

export interface ErrorDetails {
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly diagnostics?: readonly Diagnostic[];
  readonly cause?: unknown;
}

export class TrafficportError extends Error {
  override readonly name = 'TrafficportError';
  readonly code: string;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly diagnostics: readonly Diagnostic[];

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.hint = details.hint;
    this.location = details.location;
    this.diagnostics = details.diagnostics ?? [];
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.location === undefined ? {} : { location: this.location }),
      ...(this.diagnostics.length === 0 ? {} : { diagnostics: this.diagnostics }),
    };
  }
}

export function isTrafficportError(value: unknown): value is TrafficportError {
  return value instanceof TrafficportError;
}

/** Formats a location as `file:line:column`, the form editors and CI annotations understand. */
export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}
