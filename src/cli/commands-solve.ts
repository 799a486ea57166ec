import { type Command, Option } from 'commander';
import type { ExplainFlags } from '../commands/explain.js';
import type { ReportFlags } from '../commands/report.js';
import type { SplitsFlags } from '../commands/splits.js';
import type { TimelineFlags } from '../commands/timeline.js';
import type { CommandContext, OutputFlags } from './context.js';
import { countValue, momentValue } from './flag-values.js';
import { completing, withOutput, withSolveFlags } from './flags.js';

/**
 * `splits`, `explain`, `timeline` and `report`: what the solver computes, shown.
 * Each action imports its command module lazily.
 */
export function addSolveCommands(program: Command, { io, deliver }: CommandContext): void {
  withSolveFlags(withOutput(program.command('splits')))
    .description('compute and show the traffic split per service and geography at a moment')
    .argument('<policy>', 'policy file')
    .addOption(completing(new Option('--service <name>', 'only this service'), { from: 'services' }))
    .option('--geo <geo...>', 'only these geographies (DE, US-CA, *)')
    .addOption(
      new Option('--top <n>', 'show the n geographies with the most demand')
        .argParser(countValue)
        .default('15')
        .conflicts('all'),
    )
    .option('--all', 'show every geography')
    .option('--rankings', "with --json: each geography's nearest allowed endpoints (the `nearest` reason)")
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport splits policy.yaml\n  trafficport splits policy.yaml --at 2026-12-06T02:00Z --down az-weu\n  trafficport splits policy.yaml --json > splits.json',
    )
    .action(async (file: string, flags: OutputFlags & SplitsFlags) => {
      const { runSplits } = await import('../commands/splits.js');
      deliver(await runSplits(file, flags, io), flags);
    });

  withSolveFlags(withOutput(program.command('explain')))
    .description('explain why each endpoint gets its share in one geography')
    .argument('<policy>', 'policy file')
    .requiredOption(
      '--geo <geo>',
      'the geography: a country (DE), a US state named in the policy (US-CA) or * (default)',
    )
    .addOption(completing(new Option('--service <name>', 'only this service'), { from: 'services' }))
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport explain policy.yaml --geo DE\n  trafficport explain policy.yaml --geo FR --at 2026-12-06T01:30Z --json',
    )
    .action(async (file: string, flags: OutputFlags & ExplainFlags) => {
      const { runExplain } = await import('../commands/explain.js');
      deliver(await runExplain(file, flags, io), flags);
    });

  withSolveFlags(withOutput(program.command('timeline')))
    .description('list every moment in an interval when published weights must change (drains, ramp steps, restores)')
    .argument('<policy>', 'policy file')
    .option('--from <time>', 'start of the interval (ISO time, now, or +/-offset)', momentValue, 'now')
    .option('--to <time>', 'end of the interval', momentValue, '+7d')
    .addOption(completing(new Option('--service <name>', 'only this service'), { from: 'services' }))
    .addHelpText(
      'after',
      "\nExamples:\n  trafficport timeline policy.yaml --from 2026-12-05T00:00Z --to 2026-12-07T00:00Z\n  trafficport timeline policy.yaml --to +30d --json | jq '.services[0].steps[].at'",
    )
    .action(async (file: string, flags: OutputFlags & TimelineFlags) => {
      const { runTimeline } = await import('../commands/timeline.js');
      deliver(await runTimeline(file, flags, io), flags);
    });

  withSolveFlags(withOutput(program.command('report')))
    .description('write a self-contained HTML report: world map of who serves each country, zones, maintenance, splits')
    .argument('<policy>', 'policy file')
    .requiredOption('--html <file>', 'the HTML file to write (one file, no network needed to open it)')
    .addOption(completing(new Option('--service <name>', 'only this service'), { from: 'services' }))
    .addOption(
      new Option('--color-by <what>', 'color countries by the cloud or the endpoint that serves most of their traffic')
        .choices(['cloud', 'endpoint'])
        .default('cloud'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport report policy.yaml --html report.html\n  trafficport report policy.yaml --html drain.html --at 2026-12-06T02:00Z --color-by endpoint\n  trafficport report policy.yaml --html what-if.html --down-cloud azure',
    )
    .action(async (file: string, flags: OutputFlags & ReportFlags) => {
      const { runReport } = await import('../commands/report.js');
      deliver(await runReport(file, flags, io), flags);
    });
}
