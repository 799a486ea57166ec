import type { ErrorCode } from '../../error-codes.js';
import type { Diagnostic, Severity } from '../../errors.js';
import type { RawPolicy } from '../schema.js';
import { formatPath, locate, type PolicySource } from '../source-position.js';

export type Path = readonly (string | number)[];

export interface Finding {
  readonly code: ErrorCode;
  readonly message: string;
  readonly path: Path;
  readonly hint?: string | undefined;
  readonly severity?: Severity;
  /** Point at the key rather than its value (e.g. for a bad id). */
  readonly at?: 'key' | 'value';
}

/** What every check sees: the schema-valid document, and a way to report with positions. */
export interface CheckContext {
  readonly policy: RawPolicy;
  report(finding: Finding): void;
}

/** A named, independent check; all of them run so the user sees every problem at once. */
export type PolicyCheck = (context: CheckContext) => void;

export function runChecks(policy: RawPolicy, source: PolicySource, checks: readonly PolicyCheck[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const context: CheckContext = {
    policy,
    report(finding) {
      diagnostics.push({
        severity: finding.severity ?? 'error',
        code: finding.code,
        message: finding.message,
        path: formatPath(finding.path),
        location: locate(source, finding.path, finding.at),
        ...(finding.hint === undefined ? {} : { hint: finding.hint }),
      });
    },
  };
  for (const check of checks) check(context);
  return diagnostics;
}
