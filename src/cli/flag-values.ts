import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../policy/duration.js';
import { parseInstant } from '../policy/time.js';

/*
 * Checks for flag values, run by commander while it parses the command line: a malformed value is
 * a usage error (exit 64) that names the flag, before a policy is read, a provider is called or a
 * question is asked. Each returns the text unchanged, so the commands keep their string flags and
 * read them with the same functions (parseDuration, parseMoment, Number) these checks use.
 */

/** Commander prefixes the message with "option '--flag <value>' argument 'x' is invalid." */
function refuse(message: string, hint: string): never {
  throw new InvalidArgumentError(`${message}\n  hint: ${hint}`);
}

/**
 * A time: ISO 8601 with a zone, `now`, or an offset such as `+2h` — the forms inputs/moment.ts
 * reads against the clock; here only the form is checked.
 */
export function momentValue(text: string): string {
  const offset = /^[+-](.+)$/.exec(text)?.[1];
  const valid =
    text === 'now' || (offset !== undefined && parseDuration(offset) !== undefined) || parseInstant(text) !== undefined;
  if (!valid) {
    refuse(
      'It is not a time.',
      'give an ISO 8601 time with a zone (2026-12-06T02:00Z), now, or an offset such as +2h or -30m',
    );
  }
  return text;
}

/** A duration written as policies write them: `90s`, `20m`, `1h30m`. */
export function durationValue(text: string): string {
  if (parseDuration(text) === undefined) refuse('It is not a duration.', 'write it like 90s, 20m or 1h30m');
  return text;
}

/** A percentage in [min, 100] (or (0, 100] with `aboveZero`), with an optional `%`. */
export function percentValue(options: { readonly aboveZero: boolean }): (text: string) => string {
  const range = options.aboveZero ? 'more than 0 and at most 100' : 'from 0 to 100';
  return (text) => {
    const value = Number(text.replace(/%$/, ''));
    const ok =
      text.trim() !== '' && Number.isFinite(value) && value <= 100 && (options.aboveZero ? value > 0 : value >= 0);
    if (!ok) refuse('It is not a percentage.', `give a number ${range}, e.g. 25`);
    return text;
  };
}

/** A whole number of at least 1 (how many rows to show). */
export function countValue(text: string): string {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    refuse('It is not a count.', 'give a whole number of 1 or more, e.g. 10');
  return text;
}

/** A TCP port: 0 (any free port) to 65535. */
export function portValue(text: string): string {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    refuse('It is not a port.', 'give a number from 1 to 65535, or 0 for any free port');
  }
  return text;
}
