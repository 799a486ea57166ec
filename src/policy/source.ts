import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../errors.js';

/** Policies are small; anything larger is a mistake or an attack, refused before parsing. */
export const MAX_POLICY_BYTES = 5 * 1024 * 1024;
/** YAML aliases a policy may expand; far above honest use, far below an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A parsed policy document that can say where any field path was written. */
export interface PolicySource {
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
}

export type ParseResult =
  | { readonly ok: true; readonly source: PolicySource; readonly value: unknown }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Parses YAML or JSON (JSON is read as YAML 1.2, which keeps positions for both). */
export function parsePolicySource(text: string, file: string): ParseResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_POLICY_BYTES) {
    return fail(file, 'POLICY.TOO_LARGE', `the policy is ${bytes} bytes; the limit is ${MAX_POLICY_BYTES}`, {
      hint: 'split the estate into several policies, or check that the right file was given',
    });
  }
  const lines = new LineCounter();
  // logLevel error: yaml would print a process warning (e.g. for a mapping used as a key) to stderr.
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    logLevel: 'error',
  });
  const source: PolicySource = { file, text, document, lines };

  const syntax = syntaxDiagnostics(source);
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  if (document.contents === null) {
    return fail(file, 'POLICY.EMPTY', 'the policy file is empty', {
      hint: 'run `trafficport init` to write a starter policy',
    });
  }

  const forbidden: Diagnostic[] = [];
  const anchors = new Set<string>();
  let firstAlias: Alias | undefined;
  visit(document, {
    Pair(_, pair, ancestors) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        forbidden.push(
          diagnostic(
            source,
            'POLICY.FORBIDDEN_KEY',
            `the key '${String(pair.key.value)}' is not allowed`,
            formatPath(pathOf([...ancestors, pair])),
            pair.key.range?.[0],
            {
              hint: 'remove it: keys that name JavaScript object internals are refused to prevent prototype pollution',
            },
          ),
        );
      }
    },
    Node(_, node) {
      if (!isAlias(node)) {
        if (node.anchor !== undefined) anchors.add(node.anchor);
        return;
      }
      firstAlias ??= node;
      // yaml would throw a ReferenceError for this in toJS, indistinguishable from the alias limit.
      if (!anchors.has(node.source)) {
        forbidden.push(
          diagnostic(
            source,
            'POLICY.SYNTAX',
            `the alias '*${node.source}' has no anchor before it`,
            '',
            node.range?.[0],
            {
              hint: `define '&${node.source}' on a value above this line, or write the value out`,
            },
          ),
        );
      }
    },
  });
  if (forbidden.length > 0) return { ok: false, diagnostics: forbidden };

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

/**
 * YAML syntax errors as diagnostics. yaml reports an unclosed `{`, `[` or quote where it gave up,
 * usually the start of the next line, which looks fine; those point at the opener instead. An
 * unclosed collection makes every collection around it look unclosed too, so only the innermost
 * is reported.
 */
function syntaxDiagnostics(source: PolicySource): Diagnostic[] {
  const unclosed = source.document.errors.map((error) => findUnclosed(source, error));
  const contains = (outer: Unclosed, inner: Unclosed) =>
    outer !== inner && outer.start <= inner.start && inner.end <= outer.end;
  return source.document.errors.flatMap((error, index) => {
    const found = unclosed[index];
    if (found === undefined) return [plainSyntaxDiagnostic(source, error)];
    if (unclosed.some((other) => other !== undefined && contains(found, other))) return [];
    if (found.opener === '"' || found.opener === "'") {
      return [
        diagnostic(source, 'POLICY.SYNTAX', 'this quoted string is never closed', '', found.start, {
          hint: `end it with ${found.opener}`,
        }),
      ];
    }
    const [what, closer] = found.opener === '{' ? ['mapping', '}'] : ['list', ']'];
    return [
      diagnostic(source, 'POLICY.SYNTAX', `this '${found.opener}' is never closed`, '', found.start, {
        hint: `end the ${what} with '${closer}'; if it goes on over more lines, indent them more than its key`,
      }),
    ];
  });
}

function plainSyntaxDiagnostic(source: PolicySource, error: YAMLError): Diagnostic {
  if (error.code === 'MULTIPLE_DOCS') {
    return diagnostic(
      source,
      'POLICY.SYNTAX',
      'a policy is one YAML document, but this file has more',
      '',
      error.pos[0],
      {
        hint: "remove the '---' line and what follows it, or split the documents into separate files",
      },
    );
  }
  return diagnostic(source, 'POLICY.SYNTAX', error.message.split('\n')[0] ?? error.message, '', error.pos[0], {
    hint: error.code === 'DUPLICATE_KEY' ? 'remove or rename one of the duplicate keys' : undefined,
  });
}

interface Unclosed {
  readonly opener: string;
  readonly start: number;
  readonly end: number;
}

/** The flow collection or quoted scalar that `error` says is not closed where yaml gave up. */
function findUnclosed(source: PolicySource, error: YAMLError): Unclosed | undefined {
  const wanted =
    error.code === 'BAD_INDENT' && error.message.startsWith('Flow map')
      ? ['{']
      : error.code === 'BAD_INDENT' && error.message.startsWith('Flow sequence')
        ? ['[']
        : error.code === 'MISSING_CHAR' && error.message.endsWith('quote')
          ? ['"', "'"]
          : undefined;
  if (wanted === undefined) return undefined;
  let found: Unclosed | undefined;
  visit(source.document, {
    Node(_, node) {
      const range = node.range;
      if (range === undefined || range === null || range[1] !== error.pos[0]) return;
      const opener = source.text[range[0]] ?? '';
      const kindMatches = opener === '{' || opener === '[' ? isCollection(node) && node.flow === true : isScalar(node);
      if (kindMatches && wanted.includes(opener)) found = { opener, start: range[0], end: range[1] };
    },
  });
  return found;
}

/** The field path of a pair from its ancestors (as yaml's visit gives them). */
function pathOf(chain: readonly unknown[]): PathSegment[] {
  return chain.flatMap((node, index): PathSegment[] => {
    if (isPair(node)) return [isScalar(node.key) ? String(node.key.value) : '?'];
    if (isSeq(node)) return [node.items.indexOf(chain[index + 1] as never)];
    return [];
  });
}

type PathSegment = string | number;

/** Where a field path was written; falls back to the closest enclosing node that exists. */
export function locate(
  source: PolicySource,
  path: readonly PathSegment[],
  at: 'key' | 'value' = 'value',
): SourceLocation {
  let node: unknown = source.document.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(source.document);
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair) {
        next = pair.value;
        keyOffset = (pair.key as Node).range?.[0];
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined) break;
    const isLast = index === path.length - 1;
    offset =
      (isLast && at === 'key' ? keyOffset : undefined) ?? (next as Node | null)?.range?.[0] ?? keyOffset ?? offset;
    node = next;
  }
  const { line, col } = source.lines.linePos(offset);
  return { file: source.file, line, column: col };
}

/** Renders a field path as people write it: `endpoints.aws-fra.region`, `services[0].ttl`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}

function diagnostic(
  source: PolicySource,
  code: string,
  message: string,
  path: string,
  offset: number | undefined,
  extra: { hint?: string | undefined },
): Diagnostic {
  const { line, col } = source.lines.linePos(offset ?? 0);
  return {
    severity: 'error',
    code,
    message,
    path,
    location: { file: source.file, line, column: col },
    ...(extra.hint === undefined ? {} : { hint: extra.hint }),
  };
}

function fail(file: string, code: string, message: string, extra: { hint: string }): ParseResult {
  return {
    ok: false,
    diagnostics: [{ severity: 'error', code, message, path: '', location: { file }, hint: extra.hint }],
  };
}
