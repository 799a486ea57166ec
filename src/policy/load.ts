import type { z } from 'zod';
import type { Diagnostic } from '../errors.js';
import { CHECK_SECTIONS, POLICY_CHECKS, type PolicySection, runChecks } from './checks/index.js';
import { checkPinnedSovereignty } from './checks/pinned.js';
import { normalizePolicy } from './normalize.js';
import { policySchema, type RawPolicy, rulesSchema } from './schema.js';
import { parsePolicySource } from './source.js';
import type { PolicySource } from './source-position.js';
import type { Policy } from './types.js';
import { diagnosticsFromZod } from './zod-diagnostics.js';

export type LoadResult =
  | { readonly ok: true; readonly policy: Policy; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses, validates and normalizes a policy. Pure: it takes the text, never reads the disk.
 * Reports every problem it can find in one pass: syntax errors stop it (nothing else can be
 * trusted); with schema errors, the cross-reference checks still run on the sections the schema
 * accepted (a check that reads a refused section is skipped: it would misread it).
 */
export function loadPolicy(text: string, file: string): LoadResult {
  const parsed = parsePolicySource(text, file);
  if (!parsed.ok) return { ok: false, diagnostics: sortByPosition([...parsed.diagnostics]) };
  const result = policySchema.safeParse(parsed.value, { reportInput: true });
  if (!result.success) {
    const schemaErrors = diagnosticsFromZod(parsed.source, policySchema, result.error.issues);
    return {
      ok: false,
      diagnostics: sortByPosition([
        ...schemaErrors,
        ...checkValidSections(parsed.value, parsed.source, result.error.issues),
      ]),
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

/** The cross-reference findings of the checks whose sections pass the schema on their own. */
function checkValidSections(
  value: unknown,
  source: PolicySource,
  issues: readonly { readonly path: readonly PropertyKey[] }[],
): Diagnostic[] {
  if (!isRecord(value)) return [];
  // A mapping with an unknown key (a misspelt `demnd:`) may hold a section under the wrong name:
  // an absent section there is not known to be absent, so its default is not checked.
  const misspelt = new Set(issues.filter((i) => i.path.length <= 1).map((i) => i.path.join('.')));
  const valid = new Set<PolicySection>();
  const part = <T>(schema: z.ZodType<T>, input: unknown, section: PolicySection, fallback: T): T => {
    const container = section.includes('.') ? 'rules' : '';
    if (input === undefined && misspelt.has(container)) return fallback;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fallback;
    valid.add(section);
    return parsed.data;
  };
  const shape = policySchema.shape;
  const rulesShape = rulesSchema.shape;
  // Rules that are not a mapping at all leave every rule section unchecked.
  const rules = value.rules === undefined ? {} : isRecord(value.rules) ? value.rules : undefined;
  const rule = <T>(schema: z.ZodType<T>, key: string, section: PolicySection, fallback: T): T =>
    rules === undefined ? fallback : part(schema, rules[key], section, fallback);
  const policy = {
    version: 1,
    providers: part(shape.providers, value.providers, 'providers', {}),
    endpoints: part(shape.endpoints, value.endpoints, 'endpoints', {}),
    services: part(shape.services, value.services, 'services', []),
    demand: part(shape.demand, value.demand, 'demand', 'builtin' as const),
    rules: {
      geography: rule(rulesShape.geography, 'geography', 'rules.geography', undefined),
      sovereignty: rule(rulesShape.sovereignty, 'sovereignty', 'rules.sovereignty', []),
      balance: rule(rulesShape.balance, 'balance', 'rules.balance', []),
      maintenance: rule(rulesShape.maintenance, 'maintenance', 'rules.maintenance', []),
    },
  } as RawPolicy;
  const runnable = POLICY_CHECKS.filter((check) => (CHECK_SECTIONS.get(check) ?? []).every((s) => valid.has(s)));
  return runChecks(policy, source, runnable);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}
