import { ExitCode } from '../cli/exit-codes.js';
import type { CliIo } from '../cli/io.js';
import type { CommandResult } from '../cli/result.js';
import { TrafficportError } from '../errors.js';
import { formatInstant } from '../policy/time.js';
import { nextChangeAfter } from '../solve/timeline.js';
import { type ApplyFlags, runApply } from './apply.js';
import { loadSolveInputs } from './solve-inputs.js';

/** Re-checks at least this often, so an edited policy or a health change is picked up. */
const MAX_SLEEP_MS = 15 * 60 * 1000;

/**
 * `apply --watch`: applies what is due now, then sleeps until the next moment a published weight
 * must change (drain start, ramp step, restore) and applies again, until interrupted. Each round
 * is a normal journaled apply at the current time.
 */
export async function runWatch(
  file: string,
  flags: ApplyFlags,
  io: CliIo,
  stop: Promise<void>,
): Promise<CommandResult> {
  if (!flags.autoApprove) {
    throw new TrafficportError('USAGE.WATCH_NEEDS_APPROVAL', '--watch applies unattended and needs --auto-approve', {
      hint: 'review a plan first, then run apply --watch --auto-approve',
    });
  }
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let rounds = 0;
  let failures = 0;
  while (!stopped) {
    const now = io.now();
    const result = await runApply(file, { ...flags, at: formatInstant(now) }, io).catch((error: unknown) => {
      if (!(error instanceof TrafficportError)) throw error;
      io.stderr.write(`error ${error.code} ${error.message}\n`);
      return undefined;
    });
    rounds++;
    if (result === undefined || result.exitCode !== ExitCode.OK) failures++;
    if (result !== undefined) io.stdout.write(result.human({ json: false, color: false }));
    const { policy } = await loadSolveInputs(file, { at: 'now' }, io);
    const next = nextChangeAfter(policy, now);
    const wake = Math.min(next ?? Number.POSITIVE_INFINITY, now + MAX_SLEEP_MS);
    io.stdout.write(
      `next check ${formatInstant(wake)}${next !== undefined && next <= wake ? ' (a scheduled change is due)' : ''}\n`,
    );
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, Math.max(0, wake - io.now())))]);
  }
  return {
    exitCode: failures > 0 ? ExitCode.ERROR : ExitCode.OK,
    json: () => ({ version: 1, rounds, failures }),
    human: () => `stopped after ${rounds} round(s), ${failures} with errors\n`,
  };
}
