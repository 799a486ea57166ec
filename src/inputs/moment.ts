import { TrafficportError } from '../errors.js';
import { parseDuration } from '../policy/duration.js';
import { parseInstant } from '../policy/time.js';

/**
 * Parses a moment given on the command line: an ISO 8601 time with a zone, `now`, or an offset
 * from now such as `+2h` or `-30m`. `now` is passed in: the core never reads the clock.
 */
export function parseMoment(text: string, now: number, flag: string): number {
  if (text === 'now') return now;
  const offset = /^([+-])(.+)$/.exec(text);
  if (offset) {
    const seconds = parseDuration(offset[2]!);
    if (seconds !== undefined) return now + (offset[1] === '-' ? -1 : 1) * seconds * 1000;
  }
  const instant = parseInstant(text);
  if (instant !== undefined) return instant;
  throw new TrafficportError('USAGE.BAD_TIME', `${flag} '${text}' is not a time`, {
    hint: 'give an ISO 8601 time with a zone (2026-12-06T02:00Z), now, or an offset such as +2h or -30m',
  });
}
