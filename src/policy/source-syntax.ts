import { isCollection, isScalar, visit, type YAMLError } from 'yaml';
import type { Diagnostic } from '../errors.js';
import { diagnostic, type PolicySource } from './source-position.js';

/** Syntax errors (and duplicate keys) listed one by one, then counted: more help nobody. */
const MAX_SYNTAX_ERRORS = 50;

/**
 * YAML syntax errors as diagnostics. yaml reports an unclosed `{`, `[` or quote where it gave up,
 * usually the start of the next line, which looks fine; those point at the opener instead. An
 * unclosed collection makes every collection around it look unclosed too, so only the innermost
 * is reported.
 */
export function syntaxDiagnostics(source: PolicySource): Diagnostic[] {
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
  const tabs = tabIndentDiagnostic(source, errors);
  if (tabs !== undefined) return tabs;
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
export function duplicateKeyDiagnostics(source: PolicySource): Diagnostic[] {
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

/**
 * Tab indentation is one mistake, usually a whole file's (an editor's setting), and every line it
 * touches misplaces what follows, so yaml's errors from the first tab on are a cascade: one error
 * names it, with the lines, and the errors before it (unrelated) stay.
 */
function tabIndentDiagnostic(source: PolicySource, errors: readonly YAMLError[]): Diagnostic[] | undefined {
  const first = errors.findIndex((error) => error.code === 'TAB_AS_INDENT');
  if (first < 0) return undefined;
  const lines = [
    ...new Set(errors.filter((e) => e.code === 'TAB_AS_INDENT').map((e) => source.lines.linePos(e.pos[0]).line)),
  ].sort((a, b) => a - b);
  const listed = lines.length > 8 ? `${lines.slice(0, 8).join(', ')}, …` : lines.join(', ');
  const before = errors.slice(0, first).map((error) => plainSyntaxDiagnostic(source, error));
  const what =
    lines.length <= 1
      ? 'this line is indented with a tab'
      : `${lines.length} lines are indented with tabs (lines ${listed})`;
  return [
    ...before,
    diagnostic(source, 'POLICY.SYNTAX', `${what}; YAML indents with spaces only`, '', errors[first]!.pos[0], {
      hint: 'replace the tabs with spaces (two per level, as in the examples); errors after the first tab are not shown, as they follow from it',
    }),
  ];
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
