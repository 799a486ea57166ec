import type { z } from 'zod';
import type { Diagnostic } from '../errors.js';
import { formatPath, locate, type PolicySource } from './source-position.js';
import { didYouMean } from './suggest.js';

type Issue = z.core.$ZodIssue;
type Path = readonly (string | number)[];

/** Turns zod issues into diagnostics with positions, plain messages and suggestions. */
export function diagnosticsFromZod(source: PolicySource, schema: z.ZodType, issues: readonly Issue[]): Diagnostic[] {
  return issues.flatMap((issue) => fromIssue(source, schema, issue, []));
}

function fromIssue(source: PolicySource, schema: z.ZodType, issue: Issue, prefix: Path): Diagnostic[] {
  const path = [...prefix, ...(issue.path as Path)];
  const make = (message: string, at: Path, hint?: string, where: 'key' | 'value' = 'value'): Diagnostic => ({
    severity: 'error',
    code: 'POLICY.INVALID',
    message,
    path: formatPath(at),
    location: locate(source, at, where),
    ...(hint === undefined ? {} : { hint }),
  });

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path);
      return issue.keys.map((key) =>
        make(`unknown field '${key}'`, [...path, key], didYouMean(key, known) ?? listHint(known), 'key'),
      );
    }
    case 'invalid_type': {
      if (issue.input === undefined) {
        const field = path[path.length - 1];
        return [make(`missing required field '${String(field)}'`, path.slice(0, -1), undefined, 'key')];
      }
      const address = issue.expected === 'string' ? unquotedAddress(issue.input) : undefined;
      if (address !== undefined) {
        return [
          make(
            `expected a string, got a mapping: YAML reads the unquoted ${address} as a key, because it ends in ':'`,
            path,
            `quote the address: "${address}"`,
          ),
        ];
      }
      return [make(`expected ${article(issue.expected)}, got ${describe(issue.input)}`, path)];
    }
    case 'invalid_value': {
      if (issue.input === undefined && valueAt(source, path) === undefined) {
        const field = path[path.length - 1];
        return [make(`missing required field '${String(field)}'`, path.slice(0, -1), undefined, 'key')];
      }
      const words = issue.values.filter((v): v is string => typeof v === 'string');
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, words) : undefined;
      const expected = issue.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(' or ');
      return [make(`expected ${expected}, got ${describe(issue.input)}`, path, hint)];
    }
    case 'too_small':
    case 'too_big':
      // zod's own wording ("Too small: expected array to have >=1 items") reads like a stack trace.
      return [make(/^Too (small|big)/.test(issue.message) ? sizeMessage(issue) : issue.message, path)];
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
        const input = valueAt(source, path);
        const hint = typeof input === 'string' ? didYouMean(input, options) : undefined;
        const got = input === undefined ? 'it is missing' : `got ${describe(input)}`;
        return [
          make(
            `expected ${issue.discriminator} to be ${options.map((o) => `'${o}'`).join(' or ')}; ${got}`,
            path,
            hint,
          ),
        ];
      }
      return fromUnion(source, schema, issue.errors, path, make);
    }
    default:
      return [make(issue.message, path)];
  }
}

/**
 * The address an unquoted IPv6 address ending in `::` was (`2001:db8::` in `aaaa: [2001:db8::]`):
 * YAML reads it as the mapping `{ "2001:db8:": null }`, a key and no value. Undefined for any
 * other input.
 */
function unquotedAddress(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const entries = Object.entries(input);
  if (entries.length !== 1) return undefined;
  const [key, value] = entries[0]!;
  return value === null && /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){1,7}$/i.test(key) && key.endsWith(':')
    ? `${key}:`
    : undefined;
}

/** Reports the branch of a union that got furthest, so `{ sharez: 1 }` hears about `sharez`. */
function fromUnion(
  source: PolicySource,
  schema: z.ZodType,
  branches: readonly (readonly Issue[])[],
  path: Path,
  make: (message: string, at: Path) => Diagnostic,
): Diagnostic[] {
  const input = valueAt(source, path);
  const scored = branches.map((issues) => ({
    issues,
    depth: Math.max(...issues.map((issue) => issue.path.length)),
    shapeMatches: issues.every((issue) => issue.code !== 'invalid_type' || issue.path.length > 0),
  }));
  const best = scored
    .filter(
      (branch) => branch.shapeMatches && branch.issues.every((i) => i.code !== 'invalid_value' || i.path.length > 0),
    )
    .sort((a, b) => b.depth - a.depth || a.issues.length - b.issues.length)[0];
  if (best !== undefined && input !== null && typeof input === 'object') {
    return best.issues.flatMap((issue) => fromIssue(source, schema, issue, path));
  }
  const expected = branches
    .flatMap((issues) => issues.filter((issue) => issue.path.length === 0))
    .map((issue) =>
      issue.code === 'invalid_value'
        ? issue.values.map((v) => `'${String(v)}'`).join(' or ')
        : article(expectedOf(issue)),
    )
    .filter((text, index, all) => all.indexOf(text) === index);
  return [make(`expected ${expected.join(' or ')}, got ${describe(input)}`, path)];
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `expected ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
    case 'string':
      return small && limit === 1
        ? 'expected a non-empty string'
        : `expected ${small ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'}`;
    default: {
      const op = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      return `expected a number ${op} ${limit}, got ${describe(issue.input)}`;
    }
  }
}

function expectedOf(issue: Issue): string {
  return issue.code === 'invalid_type' ? issue.expected : 'object';
}

function valueAt(source: PolicySource, path: Path): unknown {
  return source.document.getIn(path);
}

/** The keys the schema allows at `path`, for "did you mean" on unknown fields. */
function knownKeys(schema: z.ZodType, path: Path): string[] {
  const keys = new Set<string>();
  const visit = (node: unknown, rest: Path): void => {
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (def === undefined) return;
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'nullable':
        visit(def.innerType, rest);
        return;
      case 'union':
        for (const option of def.options as unknown[]) visit(option, rest);
        return;
      case 'record':
        if (rest.length > 0) visit(def.valueType, rest.slice(1));
        return;
      case 'array':
        if (rest.length > 0) visit(def.element, rest.slice(1));
        return;
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        if (rest.length === 0) {
          for (const key of Object.keys(shape)) keys.add(key);
        } else {
          const child = shape[String(rest[0])];
          if (child !== undefined) visit(child, rest.slice(1));
        }
        return;
      }
    }
  };
  visit(schema, path);
  return [...keys].filter((key) => key !== '$schema');
}

function listHint(known: readonly string[]): string | undefined {
  return known.length === 0 ? undefined : `allowed fields: ${known.join(', ')}`;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
  };
  return names[expected] ?? expected;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return String(value);
}
