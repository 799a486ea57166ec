import { LineCounter, parseDocument } from 'yaml';
import type { ErrorCode } from '../error-codes.js';
import type { Diagnostic } from '../errors.js';
import { isJsonFile, jsonSyntaxDiagnostic } from './source-json.js';
import { checkNodes, checkStructure, MAX_ALIAS_COUNT } from './source-limits.js';
import { diagnostic, type PolicySource, positioned, type TextProblem } from './source-position.js';
import { duplicateKeyDiagnostics, syntaxDiagnostics } from './source-syntax.js';

export {
  MAX_ALIAS_COUNT,
  MAX_FLOW_DEPTH,
  MAX_NODE_PROPERTIES,
  MAX_POLICY_NODES,
} from './source-limits.js';
export type { PolicySource } from './source-position.js';

/** Policies are small; anything larger is a mistake or an attack, refused before parsing. */
export const MAX_POLICY_BYTES = 5 * 1024 * 1024;

export type ParseResult =
  | { readonly ok: true; readonly source: PolicySource; readonly value: unknown }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Parses YAML, or strict JSON for a `.json` file (then read as YAML 1.2, which keeps positions for both). */
export function parsePolicySource(text: string, file: string): ParseResult {
  try {
    return parse(text, file);
  } catch (error) {
    // yaml's parser recurses per level of block nesting (`- - - - …`) and can run out of stack
    // before its composer, which reports that itself, gets to see the document.
    if (!(error instanceof RangeError)) throw error;
    const problem: TextProblem = {
      code: 'POLICY.TOO_DEEP',
      message: 'the policy nests lists and mappings too deeply to read',
      offset: 0,
      hint: 'policies need only a few levels of nesting; check that the right file was given',
    };
    return { ok: false, diagnostics: [positioned(file, text, problem)] };
  }
}

function parse(text: string, file: string): ParseResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_POLICY_BYTES) {
    return fail(file, 'POLICY.TOO_LARGE', `the policy is ${bytes} bytes; the limit is ${MAX_POLICY_BYTES}`, {
      hint: 'split the estate into several policies, or check that the right file was given',
    });
  }
  const lines = new LineCounter();
  const structure = checkStructure(text);
  if (structure !== undefined) {
    return { ok: false, diagnostics: [positioned(file, text, structure)] };
  }
  // Valid JSON is valid YAML 1.2, which the rest reads for positions; YAML that is not JSON stops here.
  const json = isJsonFile(file) && text.trim() !== '' ? jsonSyntaxDiagnostic(text, file) : undefined;
  if (json !== undefined) return { ok: false, diagnostics: [json] };
  // logLevel error: yaml would print a process warning (e.g. for a mapping used as a key) to stderr.
  // uniqueKeys false: yaml's own check compares every key with every earlier one, which turns a
  // 5 MiB mapping into minutes of work; duplicateKeyDiagnostics does the same check in one pass.
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false,
    strict: true,
    logLevel: 'error',
  });
  const source: PolicySource = { file, text, document, lines };

  const syntax = syntaxDiagnostics(source);
  // Tab indentation misplaces keys: a repeated key under it is part of that one error.
  if (!document.errors.some((error) => error.code === 'TAB_AS_INDENT')) syntax.push(...duplicateKeyDiagnostics(source));
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  if (document.contents === null) {
    return fail(file, 'POLICY.EMPTY', 'the policy file is empty', {
      hint: 'run `trafficport init` to write a starter policy',
    });
  }

  const checked = checkNodes(source);
  if (checked.diagnostics.length > 0) return { ok: false, diagnostics: checked.diagnostics };
  const { firstAlias } = checked;

  try {
    return { ok: true, source, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (error instanceof ReferenceError) {
      return {
        ok: false,
        diagnostics: [
          diagnostic(
            source,
            'POLICY.ALIAS_LIMIT',
            `the policy expands YAML aliases more than ${MAX_ALIAS_COUNT} times`,
            '',
            firstAlias?.range?.[0],
            {
              hint: 'write the repeated values out, or use fewer anchors: alias expansion is limited to stop "billion laughs" documents',
            },
          ),
        ],
      };
    }
    throw error;
  }
}

function fail(file: string, code: ErrorCode, message: string, extra: { hint: string }): ParseResult {
  return {
    ok: false,
    diagnostics: [{ severity: 'error', code, message, path: '', location: { file }, hint: extra.hint }],
  };
}
