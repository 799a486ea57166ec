import { type Argument, type Command, Option } from 'commander';
import { PLAN_GATE_FLAGS, PLAN_INPUT_FLAGS } from '../publish/plan-flags.js';
import { durationValue, momentValue, percentValue } from './flag-values.js';

// Options shared by several commands, and the completion hints attached to options and arguments.

/**
 * What completion offers for a value that commander does not restrict: fixed words, or names read
 * from the policy on the command line (`trafficport __complete KIND POLICY`). Read by
 * commands/completion.ts from the option or argument itself.
 */
export interface Completion {
  readonly choices?: readonly string[];
  readonly from?: 'endpoints' | 'services' | 'regions';
}

export function completing<T extends Option | Argument>(item: T, completion: Completion): T {
  return Object.assign(item, { completion });
}

/** The clouds a policy's endpoints may be in (policy/schema.ts), and those with a region catalog. */
export const CLOUDS = ['aws', 'azure', 'gcp', 'onprem'];
export const CATALOG_CLOUDS = ['aws', 'azure', 'gcp'];

/**
 * Real cloud credentials go to TRAFFICPORT_*_ENDPOINT only when asked by name; without it an
 * override gets fake ones, and one that is not loopback is refused for a real backend.
 */
export const SEND_CREDENTIALS = [
  '--send-credentials-to-endpoint',
  'send your real AWS/Azure credentials to TRAFFICPORT_ROUTE53_ENDPOINT / TRAFFICPORT_AZURE_ENDPOINT (a proxy or private endpoint you trust); without it they get fake ones',
] as const;

/** Every writer holds a lease on each zone it writes (docs/locking.md). */
export const LOCK_TIMEOUT = [
  '--lock-timeout <duration>',
  'wait this long for a zone lease another run holds (e.g. 10m; default: fail at once, naming the holder)',
] as const;

/** Flags of every command that talks to providers. */
export function withPublishFlags(command: Command): Command {
  return command
    .option('--provider <id...>', 'only these providers of the policy')
    .option('--service <name...>', "only these services' records (the split is still solved for every service)")
    .option(SEND_CREDENTIALS[0], SEND_CREDENTIALS[1])
    .option(
      '--state-dir <dir>',
      'state directory for journals and mock backends (default .trafficport, or TRAFFICPORT_STATE_DIR)',
    );
}

/** The safety limits of the commands that make a plan. */
export function withSafetyFlags(command: Command): Command {
  const percent = percentValue({ aboveZero: false });
  return command
    .option(
      '--max-record-delete <percent>',
      'safety limit: largest share of owned records a plan may remove',
      percent,
      '50',
    )
    .option('--max-traffic-move <percent>', 'safety limit: largest share of traffic a plan may move', percent, '30');
}

/** Ramping: `plan` shows what `apply` would do with the same flags (steps, duration, last step due). */
export function withRampFlags(command: Command): Command {
  return command
    .option(
      '--max-shift <percent>',
      'move at most this share of any geography per step, waiting a TTL between steps',
      percentValue({ aboveZero: true }),
    )
    .option('--step-wait <duration>', 'time between ramp steps (default: the largest TTL)', durationValue);
}

/** What `apply --resume` cannot take: everything that shapes a new plan (option attribute names). */
export const RESUME_CONFLICTS: string[] = [...PLAN_INPUT_FLAGS, ...PLAN_GATE_FLAGS];

/** The what-if flags shared by every command that solves. */
export function withSolveFlags(command: Command): Command {
  return command
    .option(
      '--at <time>',
      'the moment to solve for: ISO time with zone, now, or an offset like +2h',
      momentValue,
      'now',
    )
    .addOption(
      completing(new Option('--down <endpoint...>', 'treat these endpoints as down (what-if)'), { from: 'endpoints' }),
    )
    .addOption(
      completing(new Option('--down-region <region...>', 'treat every endpoint in these regions as down'), {
        from: 'regions',
      }),
    )
    .addOption(
      completing(new Option('--down-cloud <cloud...>', 'treat every endpoint in these clouds as down'), {
        choices: CLOUDS,
      }),
    )
    .option('--health <file>', 'health file (endpoint: up|down), as a monitoring job writes it')
    .option(
      '--latency <file>',
      'measured latency CSV (geography,endpoint,ms); used instead of rules.geography.latencyFile, with a warning',
    );
}

export function withOutput(command: Command): Command {
  return command
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .addOption(new Option('--pretty', 'indent the JSON even when it does not go to a terminal (compact when piped)'))
    .addOption(new Option('--no-color', 'never color the output (NO_COLOR is honoured too)'));
}
