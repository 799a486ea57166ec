import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import type { Diagnostic } from '../errors.js';
import { positioned } from './source-position.js';

/*
 * A `.json` policy is JSON, not YAML that happens to look like it: trailing commas, comments,
 * single quotes and unquoted keys pass a YAML parser but fail `jq`, `JSON.parse` and every other
 * tool that reads the file. JSON.parse decides what is valid; jsonc-parser (in strict mode) says
 * where the first problem is, since JSON.parse's messages carry no position on every Node version.
 */

/** Whether a policy file is read as strict JSON: by its name, as editors and tools do. */
export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

/** The first JSON syntax error, positioned; undefined when the text is valid JSON. */
export function jsonSyntaxDiagnostic(text: string, file: string): Diagnostic | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const errors: ParseError[] = [];
    parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? positionIn((error as Error).message) ?? 0;
    const what = first === undefined ? (error as Error).message : describe(printParseErrorCode(first.error));
    return positioned(file, text, {
      code: 'POLICY.JSON_SYNTAX',
      message: `not valid JSON: ${what}`,
      offset,
      hint: hintFor(text, offset, first === undefined ? '' : printParseErrorCode(first.error)),
    });
  }
}

function positionIn(message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected symbol',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' was expected",
  CommaExpected: "',' was expected",
  CloseBraceExpected: "'}' was expected",
  CloseBracketExpected: "']' was expected",
  EndOfFileExpected: 'text after the end of the document',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

function describe(code: string): string {
  return DESCRIPTIONS[code] ?? code;
}

/** A fix for the mistakes JSON written by hand usually has. */
function hintFor(text: string, offset: number, code: string): string {
  const before = text.slice(0, offset).trimEnd();
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && before.endsWith(',')) {
    return "JSON allows no trailing comma: remove the ',' before this point";
  }
  if (code === 'CommaExpected') {
    return "a ',' is missing before this point, or the ']' or '}' that closes the list or object above";
  }
  if (code === 'InvalidCommentToken' || text.slice(offset).startsWith('//') || text.slice(offset).startsWith('/*')) {
    return 'JSON has no comments: remove them, or write the policy as YAML (.yaml), which has';
  }
  if (code === 'PropertyNameExpected' || /^['A-Za-z_$]/.test(text[offset] ?? '')) {
    return 'JSON strings and property names need double quotes';
  }
  return 'fix the JSON at this point, or write the policy as YAML (.yaml)';
}
