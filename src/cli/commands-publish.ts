import { type Command, Option } from 'commander';
import type { ApplyFlags } from '../commands/apply.js';
import type { PlanFlags } from '../commands/plan.js';
import type { RollbackFlags } from '../commands/rollback.js';
import type { UnlockFlags } from '../commands/unlock.js';
import type { PublishFlags } from '../publish/prepare.js';
import { type CommandContext, interrupted, type OutputFlags } from './context.js';
import { durationValue } from './flag-values.js';
import {
  LOCK_TIMEOUT,
  RESUME_CONFLICTS,
  SEND_CREDENTIALS,
  withOutput,
  withPublishFlags,
  withRampFlags,
  withSafetyFlags,
  withSolveFlags,
} from './flags.js';
import { EXIT_CODES_HELP } from './help.js';

/**
 * `plan`, `apply`, `rollback`, `unlock` and `verify`: the commands that read and write providers.
 * Each action imports its command module lazily.
 */
export function addPublishCommands(program: Command, { io, deliver, present }: CommandContext): void {
  withRampFlags(withSafetyFlags(withPublishFlags(withSolveFlags(withOutput(program.command('plan'))))))
    .description('show the split and the record changes each provider needs, without changing anything')
    .argument('<policy>', 'policy file')
    .option('--out <file>', 'save the plan (with a fingerprint of the live records) for `apply`')
    .addOption(
      new Option('--markdown', 'print a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)').conflicts(
        'json',
      ),
    )
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option(
      '--all',
      'every change with its values (weights, TTLs, targets, the split each Route 53 group stands for, Traffic Manager endpoints as rows), and the drift since the last apply',
    )
    .addHelpText(
      'after',
      `\nExamples:\n  trafficport plan policy.yaml\n  trafficport plan policy.yaml --all\n  trafficport plan policy.yaml --out plan.json --detailed-exitcode\n  trafficport plan policy.yaml --at 2026-12-06T01:40Z --markdown\n  trafficport plan policy.yaml --max-shift 10   # the steps, how long, when the last is due\n\n${EXIT_CODES_HELP}`,
    )
    .action(async (file: string, flags: OutputFlags & PlanFlags) => {
      const { runPlan } = await import('../commands/plan.js');
      deliver(await runPlan(file, flags, io), flags);
    });

  withRampFlags(withSafetyFlags(withPublishFlags(withSolveFlags(withOutput(program.command('apply'))))))
    .description('publish the plan: confirm, journal, then write to every provider (resumable)')
    .argument('<policy-or-plan>', 'policy file, or a plan saved with `plan --out`')
    .option('--auto-approve', 'do not ask for confirmation (required without a terminal)')
    .option('--force', 'apply even past the safety limits')
    .option('--accept-degraded', 'publish the closest form where a provider cannot express the plan exactly')
    .option(LOCK_TIMEOUT[0], LOCK_TIMEOUT[1], durationValue)
    .addOption(
      // A resume finishes the journal as it was planned: flags that would shape a new plan have
      // nothing to act on, so they are refused rather than ignored.
      new Option('--resume', 'finish an interrupted or failed apply from its journal').conflicts(RESUME_CONFLICTS),
    )
    .addOption(
      new Option(
        '--watch',
        'keep running: apply now, sleep until the next scheduled change (drain, ramp step, restore), repeat',
      ).conflicts('resume'),
    )
    .addHelpText(
      'after',
      `\nExamples:\n  trafficport apply policy.yaml\n  trafficport apply plan.json --auto-approve\n  trafficport apply policy.yaml --max-shift 10 --auto-approve\n  trafficport apply --resume policy.yaml\n  trafficport apply policy.yaml --watch --auto-approve   # applies drains and restores on time\n\n${EXIT_CODES_HELP}`,
    )
    .action(
      async (
        target: string,
        options: OutputFlags & ApplyFlags & { resume?: boolean; watch?: boolean },
        command: Command,
      ) => {
        // What a saved plan fixes must not also come from the command line (see saved-plan.ts).
        const given = Object.keys(options).filter((name) => command.getOptionValueSource(name) === 'cli');
        const flags = { ...options, given };
        if (flags.watch) {
          const { runWatch } = await import('../commands/apply.js');
          deliver(
            await runWatch(
              target,
              flags,
              io,
              present(flags),
              interrupted().then(() => undefined),
            ),
            flags,
          );
          return;
        }
        if (flags.resume) {
          const { runResume } = await import('../commands/recover.js');
          deliver(await runResume(target, flags, io, present(flags)), flags);
          return;
        }
        const { runApply } = await import('../commands/apply.js');
        deliver(await runApply(target, flags, io, present(flags)), flags);
      },
    );

  withSafetyFlags(withOutput(program.command('rollback')))
    .description(
      'restore the records as they were before the last apply that changed something: plan shown, confirmed, safety limits',
    )
    .argument('<policy>', 'the policy the apply was made with')
    .option('--apply <id>', 'undo this apply (its journal id) instead of the last one that changed something')
    .option('--auto-approve', 'do not ask for confirmation (required without a terminal)')
    .option('--force', 'roll back even past the safety limits')
    .option(LOCK_TIMEOUT[0], LOCK_TIMEOUT[1], durationValue)
    .option('--state-dir <dir>', 'state directory (default .trafficport, or TRAFFICPORT_STATE_DIR)')
    .option('--service <name...>', "restore only these services' records")
    .option(SEND_CREDENTIALS[0], SEND_CREDENTIALS[1])
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport rollback policy.yaml\n  trafficport rollback policy.yaml --auto-approve --force   # restoring removes most records\n  trafficport rollback policy.yaml --apply 2026-12-01T000000Z-a1b2c3\n  trafficport rollback policy.yaml --service shop.example.com',
    )
    .action(async (file: string, flags: OutputFlags & RollbackFlags) => {
      const { runRollback } = await import('../commands/rollback.js');
      deliver(await runRollback(file, flags, io, present(flags)), flags);
    });

  withOutput(program.command('unlock'))
    .description("break a dead run's zone lease (the record every apply, resume and rollback holds while it writes)")
    .argument('<policy>', 'the policy whose zones to unlock')
    .option('--zone <zone>', 'only this zone of the policy')
    .option('--provider <id...>', 'only these providers of the policy')
    .option('--yes', 'break the leases without asking (required without a terminal)')
    .option('--state-dir <dir>', 'state directory (default .trafficport, or TRAFFICPORT_STATE_DIR)')
    .option(SEND_CREDENTIALS[0], SEND_CREDENTIALS[1])
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport unlock policy.yaml\n  trafficport unlock policy.yaml --zone example.com --yes   # the holder is known to be dead',
    )
    .action(async (file: string, flags: OutputFlags & UnlockFlags) => {
      const { runUnlock } = await import('../commands/unlock.js');
      deliver(await runUnlock(file, flags, io), flags);
    });

  withPublishFlags(withSolveFlags(withOutput(program.command('verify'))))
    .description('evaluate what is published as resolvers would, per geography, and compare it with the plan')
    .argument('<policy>', 'policy file')
    .addHelpText(
      'after',
      "\nWith --down (or --down-region, --down-cloud), verify evaluates what is published with those endpoints\nfailing, as the providers' own failover answers, and checks that no geography leaves its sovereignty rule.\n\nExamples:\n  trafficport verify policy.yaml\n  trafficport verify policy.yaml --provider r53 --json\n  trafficport verify policy.yaml --down aws-fra az-weu",
    )
    .action(async (file: string, flags: OutputFlags & PublishFlags) => {
      const { runVerify } = await import('../commands/verify.js');
      deliver(await runVerify(file, flags, io), flags);
    });
}
