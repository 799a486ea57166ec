import { type Alias, isAlias, isScalar, Lexer, type Node, visit } from 'yaml';
import type { Diagnostic } from '../errors.js';
import { diagnostic, formatPath, type PolicySource, pathOf, type TextProblem } from './source-position.js';

/*
 * What a policy may not be, whatever its schema says: structure that would exhaust the parser,
 * keys that name JavaScript object internals, aliases without anchors, too many values.
 */

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
/** 10,000 services with their endpoints, providers and rules take about 150,000 (issue 18). */
export const MAX_POLICY_NODES = 500_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Nesting and anchor/tag/alias counts, measured with yaml's lexer (linear, constant memory) before
 * anything is built; the lexer runs only when the text has enough brackets or markers to matter.
 */
export function checkStructure(text: string): TextProblem | undefined {
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

/**
 * Forbidden keys, aliases without an anchor before them, and more than MAX_POLICY_NODES values,
 * in one visit of the parsed document. Also returns the first alias, where an alias-limit error
 * points.
 */
export function checkNodes(source: PolicySource): { diagnostics: Diagnostic[]; firstAlias: Alias | undefined } {
  const { document } = source;
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
    // Reported alone: the values past the limit were not looked at.
    return {
      firstAlias,
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
  return { diagnostics: forbidden, firstAlias };
}
