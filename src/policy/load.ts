import type { Diagnostic } from '../errors.js';
import { POLICY_CHECKS, runChecks } from './checks/index.js';
import { checkPinnedSovereignty } from './checks/pinned.js';
import { normalizePolicy } from './normalize.js';
import { policySchema, type RawPolicy } from './schema.js';
import { parsePolicySource } from './source.js';
import type { Policy } from './types.js';
import { diagnosticsFromZod } from './zod-diagnostics.js';

export type LoadResult =
  | { readonly ok: true; readonly policy: Policy; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses, validates and normalizes a policy. Pure: it takes the text, never reads the disk.
 * Reports every problem it can find in one pass: syntax errors stop it (nothing else can be
 * trusted), schema errors stop the cross-reference checks (which need the shapes right).
 */
export function loadPolicy(text: string, file: string): LoadResult {
  const parsed = parsePolicySource(text, file);
  if (!parsed.ok) return { ok: false, diagnostics: sortByPosition([...parsed.diagnostics]) };
  const result = policySchema.safeParse(parsed.value, { reportInput: true });
  if (!result.success) {
    return {
      ok: false,
      diagnostics: sortByPosition(diagnosticsFromZod(parsed.source, policySchema, result.error.issues)),
    };
  }
  const findings = sortByPosition(runChecks(result.data as RawPolicy, parsed.source, POLICY_CHECKS));
  const errors = findings.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: findings };
  const policy = normalizePolicy(result.data);
  // Checks that need resolved endpoints (jurisdictions) run on the normalized policy.
  const resolved = runChecks(result.data as RawPolicy, parsed.source, [
    (context) => checkPinnedSovereignty(policy, context),
  ]);
  if (resolved.length > 0) return { ok: false, diagnostics: sortByPosition([...findings, ...resolved]) };
  return { ok: true, policy, warnings: findings };
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}
