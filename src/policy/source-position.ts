import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { ErrorCode } from '../error-codes.js';
import type { Diagnostic, SourceLocation } from '../errors.js';

/*
 * Positions in a policy's text: where a field path was written, and diagnostics that point there.
 */

/** A problem found in the text before the parser (and its line counter) ran. */
export interface TextProblem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly offset: number;
  readonly hint: string;
}

/** A parsed policy document that can say where any field path was written. */
export interface PolicySource {
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
}

/** The field path of a pair from its ancestors (as yaml's visit gives them). */
export function pathOf(chain: readonly unknown[]): PathSegment[] {
  return chain.flatMap((node, index): PathSegment[] => {
    if (isPair(node)) return [isScalar(node.key) ? String(node.key.value) : '?'];
    if (isSeq(node)) return [node.items.indexOf(chain[index + 1] as never)];
    return [];
  });
}

export type PathSegment = string | number;

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

/** A diagnostic at a text offset in a parsed policy. */
export function diagnostic(
  source: PolicySource,
  code: ErrorCode,
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

/** A diagnostic at a text offset, for problems found before the parser (and its line counter) ran. */
export function positioned(file: string, text: string, problem: TextProblem): Diagnostic {
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
