import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../errors.js';

/** Policies are small; anything larger is a mistake or an attack, refused before parsing. */
export const MAX_POLICY_BYTES = 5 * 1024 * 1024;
/** YAML aliases a policy may expand; far above honest use, far below an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
/**
 * Structure no policy needs, refused before it can exhaust the parser: flow collections nested
 * deeper than this (yaml needs memory per level, and 5 MiB of `[` takes gigabytes), more anchors,
 * tags and aliases than this (yaml's parser slows to minutes on megabytes of `&a &a …`), and more
 * values than MAX_POLICY_NODES in all (every later stage is at least linear in them).
 */
export const MAX_FLOW_DEPTH = 64;
export const MAX_NODE_PROPERTIES = 10_000;
export const MAX_POLICY_NODES = 100_000;
/** Syntax errors (and duplicate keys) listed one by one, then counted: more help nobody. */
const MAX_SYNTAX_ERRORS = 50;
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
  try {
    return parse(text, file);
  } catch (error) {
    // yaml's parser recurses per level of block nesting (`- - - - …`) and can run out of stack
    // before its composer, which reports that itself, gets to see the document.
    if (!(error instanceof RangeError)) throw error;
    const problem = {
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

  const syntax = [...syntaxDiagnostics(source), ...duplicateKeyDiagnostics(source)];
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  if (document.contents === null) {
    return fail(file, 'POLICY.EMPTY', 'the policy file is empty', {
      hint: 'run `trafficport init` to write a starter policy',
    });
  }

  const forbidden: Diagnostic[] = [];
  const anchors = new Set<string>();
  let firstAlias: Alias | undefined;
  let nodes = 0;
  let tooMany: Node | undefined;
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
      nodes += 1;
      if (nodes > MAX_POLICY_NODES) {
        tooMany = node;
        return visit.BREAK;
      }
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
  if (tooMany !== undefined) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          source,
          'POLICY.TOO_COMPLEX',
          `the policy has more than ${MAX_POLICY_NODES} values`,
          '',
          tooMany.range?.[0],
          { hint: 'split the estate into several policies, or check that the right file was given' },
        ),
      ],
    };
  }
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
  const { errors } = source.document;
  // yaml reports a stack overflow while composing deep block nesting as RESOURCE_EXHAUSTION; the
  // half-built document would overflow the visits below too, so that error is reported alone.
  const exhausted = errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (exhausted !== undefined) {
    return [
      diagnostic(
        source,
        'POLICY.TOO_DEEP',
        'the policy nests lists and mappings too deeply to read',
        '',
        exhausted.pos[0],
        {
          hint: 'policies need only a few levels of nesting; check that the right file was given',
        },
      ),
    ];
  }
  const shown = errors.slice(0, MAX_SYNTAX_ERRORS);
  const unclosed = findUnclosed(source, shown);
  const contains = (outer: Unclosed, inner: Unclosed) =>
    outer !== inner && outer.start <= inner.start && inner.end <= outer.end;
  const diagnostics = shown.flatMap((error, index) => {
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
  const rest = errors[MAX_SYNTAX_ERRORS];
  if (rest !== undefined) {
    diagnostics.push(
      diagnostic(
        source,
        'POLICY.SYNTAX',
        `${errors.length - MAX_SYNTAX_ERRORS} more syntax errors from here on are not shown`,
        '',
        rest.pos[0],
        { hint: 'fix the errors above first; is this file YAML or JSON at all?' },
      ),
    );
  }
  return diagnostics;
}

/**
 * Keys repeated in one mapping, reported as yaml's `uniqueKeys` check would (same message, at the
 * repeated key), but with a set per mapping instead of a comparison with every earlier key.
 */
function duplicateKeyDiagnostics(source: PolicySource): Diagnostic[] {
  const found: Diagnostic[] = [];
  let more = 0;
  visit(source.document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value) && found.length >= MAX_SYNTAX_ERRORS) more += 1;
        else if (seen.has(pair.key.value)) {
          found.push(
            diagnostic(source, 'POLICY.SYNTAX', 'Map keys must be unique', '', pair.key.range?.[0], {
              hint: 'remove or rename one of the duplicate keys',
            }),
          );
        }
        seen.add(pair.key.value);
      }
    },
  });
  if (more > 0) {
    found.push({ ...found[found.length - 1]!, message: `${more} more duplicate keys after this one are not shown` });
  }
  return found;
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

/**
 * For each error, the flow collection or quoted scalar it says is not closed where yaml gave up
 * (undefined when it is another kind of error). One visit of the document serves every error.
 */
function findUnclosed(source: PolicySource, errors: readonly YAMLError[]): (Unclosed | undefined)[] {
  const wanted = errors.map((error) =>
    error.code === 'BAD_INDENT' && error.message.startsWith('Flow map')
      ? ['{']
      : error.code === 'BAD_INDENT' && error.message.startsWith('Flow sequence')
        ? ['[']
        : error.code === 'MISSING_CHAR' && error.message.endsWith('quote')
          ? ['"', "'"]
          : undefined,
  );
  const ends = new Set(errors.flatMap((error, index) => (wanted[index] === undefined ? [] : [error.pos[0]])));
  // The last candidate visited wins, as when each error was looked up by its own visit.
  const byEnd = new Map<number, Unclosed[]>();
  if (ends.size > 0) {
    visit(source.document, {
      Node(_, node) {
        const range = node.range;
        if (range === undefined || range === null || !ends.has(range[1])) return;
        const opener = source.text[range[0]] ?? '';
        const kindMatches =
          opener === '{' || opener === '[' ? isCollection(node) && node.flow === true : isScalar(node);
        if (kindMatches)
          byEnd.set(range[1], [...(byEnd.get(range[1]) ?? []), { opener, start: range[0], end: range[1] }]);
      },
    });
  }
  return errors.map((error, index) => {
    const openers = wanted[index];
    if (openers === undefined) return undefined;
    return (byEnd.get(error.pos[0]) ?? []).filter((candidate) => openers.includes(candidate.opener)).pop();
  });
}

/**
 * Nesting and anchor/tag/alias counts, measured with yaml's lexer (linear, constant memory) before
 * anything is built; the lexer runs only when the text has enough brackets or markers to matter.
 */
function checkStructure(text: string): { code: string; message: string; offset: number; hint: string } | undefined {
  let brackets = 0;
  let markers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets += 1;
    else if (c === 0x26 || c === 0x21 || c === 0x2a) markers += 1;
  }
  if (brackets <= MAX_FLOW_DEPTH && markers <= MAX_NODE_PROPERTIES) return undefined;
  let depth = 0;
  let properties = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer's control tokens (document start, scalar, flow end) are not part of the text.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token === '[' || token === '{') {
      depth += 1;
      if (depth > MAX_FLOW_DEPTH) {
        return {
          code: 'POLICY.TOO_DEEP',
          message: `the policy nests lists and mappings more than ${MAX_FLOW_DEPTH} levels deep`,
          offset,
          hint: 'policies need only a few levels of nesting; check that the right file was given',
        };
      }
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    } else if (token[0] === '&' || token[0] === '!' || token[0] === '*') {
      properties += 1;
      if (properties > MAX_NODE_PROPERTIES) {
        return {
          code: 'POLICY.TOO_COMPLEX',
          message: `the policy has more than ${MAX_NODE_PROPERTIES} YAML anchors, aliases and tags`,
          offset,
          hint: 'write the values out: policies need few anchors, if any',
        };
      }
    }
    offset += token.length;
  }
  return undefined;
}

/** A diagnostic at a text offset, for problems found before the parser (and its line counter) ran. */
function positioned(
  file: string,
  text: string,
  problem: { code: string; message: string; offset: number; hint: string },
): Diagnostic {
  const before = text.slice(0, problem.offset);
  const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  const column = problem.offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return {
    severity: 'error',
    code: problem.code,
    message: problem.message,
    path: '',
    location: { file, line, column },
    hint: problem.hint,
  };
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
      const pair = pairIndex(node).get(String(segment));
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

const pairIndexes = new WeakMap<object, Map<string, Pair>>();

/**
 * A mapping's pairs by key text (the first pair of each key), built once per mapping: every
 * diagnostic looks its path up, and a scan per lookup made thousands of them quadratic.
 */
function pairIndex(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!index.has(key)) index.set(key, item);
    }
    pairIndexes.set(map, index);
  }
  return index;
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
