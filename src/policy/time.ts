/**
 * Parses an ISO 8601 instant with an explicit zone (`2026-12-06T02:00Z`, `...T03:00+01:00`) into
 * epoch milliseconds. Times without a zone are refused by the schema: a maintenance window must
 * not move with the machine that evaluates it. Impossible dates (Feb 30) give undefined.
 */
export function parseInstant(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', , zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const fraction = text.includes('.') ? Number(`0.${match[7]}`) * 1000 : 0;
  return local + fraction - zoneOffsetMs(zone ?? 'Z');
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
}

/** Formats epoch milliseconds as a UTC ISO instant without milliseconds when they are zero. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
