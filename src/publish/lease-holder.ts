import { formatInstant, parseInstant } from '../policy/time.js';

/** Who holds a zone lease: written into the lease record, shown to anyone who finds it taken. */
export interface LeaseHolder {
  /** One run of one command; a lease naming it is that run's. */
  readonly run: string;
  readonly command: string;
  readonly host: string;
  readonly pid: number;
  readonly user: string;
  /** When the run took the lease, and until when it holds it unless it renews (ms since the epoch). */
  readonly since: number;
  readonly expires: number;
}

const PREFIX = 'trafficport-lock v1';

/** The lease record's text: one line of `key=value` words, well under a TXT string's 255 characters. */
export function formatHolder(holder: LeaseHolder): string {
  return [
    PREFIX,
    `run=${word(holder.run)}`,
    `command=${word(holder.command)}`,
    `host=${word(holder.host)}`,
    `pid=${holder.pid}`,
    `user=${word(holder.user)}`,
    `since=${formatInstant(holder.since)}`,
    `expires=${formatInstant(holder.expires)}`,
  ].join(' ');
}

/** The holder a lease record names; undefined when the text is not a lease this version wrote. */
export function parseHolder(text: string): LeaseHolder | undefined {
  if (!text.startsWith(`${PREFIX} `)) return undefined;
  const fields = new Map(
    text
      .slice(PREFIX.length + 1)
      .split(' ')
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as const),
  );
  const since = parseInstant(fields.get('since') ?? '');
  const expires = parseInstant(fields.get('expires') ?? '');
  const pid = Number(fields.get('pid'));
  const run = fields.get('run');
  if (since === undefined || expires === undefined || !Number.isInteger(pid) || !run) return undefined;
  return {
    run,
    command: fields.get('command') ?? '?',
    host: fields.get('host') ?? '?',
    pid,
    user: fields.get('user') ?? '?',
    since,
    expires,
  };
}

/** `apply run 20261201T000000Z-ab12cd by alice on ci-7 (pid 4242) since …, lease until …`. */
export function describeHolder(holder: LeaseHolder): string {
  return `${holder.command} run ${holder.run} by ${holder.user} on ${holder.host} (pid ${holder.pid}) since ${formatInstant(holder.since)}, lease until ${formatInstant(holder.expires)}`;
}

/** Spaces and `=` would break the record's words; a TXT string holds at most 255 characters. */
function word(value: string): string {
  return (value.replace(/[^A-Za-z0-9._@:+-]/g, '_') || '?').slice(0, 40);
}
