import { Argument, Command, Option } from 'commander';
import type { AdoptCommandFlags } from '../commands/adopt.js';
import type { ApplyFlags } from '../commands/apply.js';
import type { ExplainFlags } from '../commands/explain.js';
import type { ImportFlags } from '../commands/import.js';
import type { InitOptions } from '../commands/init.js';
import type { MockSeedFlags } from '../commands/mock-seed.js';
import type { MockServeFlags } from '../commands/mock-serve.js';
import type { PlanFlags } from '../commands/plan.js';
import type { Presenter } from '../commands/present.js';
import type { ReportFlags } from '../commands/report.js';
import type { RollbackFlags } from '../commands/rollback.js';
import type { SplitsFlags } from '../commands/splits.js';
import type { TimelineFlags } from '../commands/timeline.js';
import type { UnlockFlags } from '../commands/unlock.js';
import { EXAMPLE_NAMES } from '../io/example-names.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import type { PublishFlags } from '../publish/prepare.js';
import { countValue, durationValue, momentValue, percentValue, portValue } from './flag-values.js';
import { EXIT_CODES_HELP } from './help.js';

export interface OutputFlags {
  readonly json?: boolean;
  /** Indented JSON even when stdout is not a terminal. */
  readonly pretty?: boolean;
  readonly color?: boolean;
}

/** Called by each action with the command's result; the runner renders it. */
export type Deliver = (result: CommandResult, flags: OutputFlags) => void;

/** What a command may show before its result, drawn by the runner as it draws results. */
export type Present = (flags: OutputFlags) => Presenter;

/**
 * Declares the command tree. Each action imports its command module lazily, so `--version` and
 * `validate` never load what `plan` needs (cloud SDKs, the solver, the terminal UI).
 */
export function buildProgram(io: CliIo, version: string, deliver: Deliver, present: Present): Command {
  const program = new Command('trafficport')
    .description(
      'Compute multicloud traffic splits from geography, sovereignty and maintenance rules, and publish them as DNS records.',
    )
    .version(version, '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${ROOT_EXAMPLES}\n\n${EXIT_CODES_HELP}`);

  withOutput(program.command('validate'))
    .description('check a policy file and report every problem with its line and a fix')
    .argument('<policy>', 'policy file (YAML or JSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport validate policy.yaml\n  trafficport validate policy.yaml --json | jq .errors',
    )
    .action(async (file: string, flags: OutputFlags) => {
      const { runValidate } = await import('../commands/validate.js');
      deliver(await runValidate(file, io), flags);
    });

  withOutput(program.command('schema'))
    .description('print the JSON Schema of the policy language (for editors and CI)')
    .addHelpText('after', '\nExamples:\n  trafficport schema > policy.schema.json')
    .action(async (flags: OutputFlags) => {
      const { runSchema } = await import('../commands/schema.js');
      deliver(runSchema(), flags);
    });

  withOutput(program.command('init'))
    .description('write a commented starter policy (trafficport.yaml) that validates')
    .argument('[dir]', 'directory to write into', '.')
    .option('-f, --force', 'overwrite an existing file', false)
    .addOption(
      new Option('--example <name>', 'write this example policy (NAME.yaml) instead of the starter').choices(
        EXAMPLE_NAMES,
      ),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport init\n  trafficport init infra/traffic\n  trafficport init examples --example quickstart   # writes examples/quickstart.yaml',
    )
    .action(async (dir: string, flags: OutputFlags & InitOptions) => {
      const { runInit } = await import('../commands/init.js');
      deliver(await runInit(dir === '.' ? undefined : dir, flags, io), flags);
    });

  withOutput(program.command('regions'))
    .description('list the cloud regions trafficport knows, with city, country and jurisdictions')
    // Not commander choices: the command's own error suggests the closest cloud.
    .addArgument(completing(new Argument('[cloud]', 'aws, azure or gcp'), { choices: CATALOG_CLOUDS }))
    .addHelpText('after', '\nExamples:\n  trafficport regions aws\n  trafficport regions --json')
    .action(async (cloud: string | undefined, flags: OutputFlags) => {
      const { runRegions } = await import('../commands/regions.js');
      deliver(runRegions(cloud), flags);
    });

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
          deliver(await runWatch(target, flags, io, present(flags), interrupted()), flags);
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

  withOutput(program.command('import'))
    .description("write services other tools already publish into the policy, today's split pinned")
    .argument('<policy>', 'policy file naming the providers (it may have no services yet)')
    .requiredOption('--service <name...>', 'service names to import')
    .option('--out <file>', 'write the policy there (default: print it)')
    .option(
      '--state-dir <dir>',
      'state directory for the mock backends (default .trafficport, or TRAFFICPORT_STATE_DIR)',
    )
    .option(SEND_CREDENTIALS[0], SEND_CREDENTIALS[1])
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport import providers.yaml --service www.example.com --out policy.yaml',
    )
    .action(async (file: string, flags: OutputFlags & ImportFlags) => {
      const { runImport } = await import('../commands/import.js');
      deliver(await runImport(file, flags, io), flags);
    });

  withOutput(program.command('adopt'))
    .description(
      "take over a service's records that another tool published, journaled: one atomic request at Route 53, an ordered hand-over at Azure",
    )
    .argument('<policy>', 'policy file with the service (as `import` writes it)')
    .requiredOption('--service <name>', 'the service whose records to take over')
    .option('--dry-run', 'show what would be replaced and the traffic each geography moves; change nothing')
    .option('--auto-approve', 'do not ask for confirmation')
    .option(LOCK_TIMEOUT[0], LOCK_TIMEOUT[1], durationValue)
    .option(
      '--state-dir <dir>',
      'state directory for journals and mock backends (default .trafficport, or TRAFFICPORT_STATE_DIR)',
    )
    .option(SEND_CREDENTIALS[0], SEND_CREDENTIALS[1])
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport adopt policy.yaml --service www.example.com --dry-run\n  trafficport adopt policy.yaml --service www.example.com --auto-approve',
    )
    .action(async (file: string, flags: OutputFlags & AdoptCommandFlags) => {
      const { runAdopt } = await import('../commands/adopt.js');
      deliver(await runAdopt(file, flags, io), flags);
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

  addReportingCommands(program, io, deliver);

  // For the completion scripts: endpoint ids, service names or regions of a policy, one a line.
  program
    .command('__complete', { hidden: true })
    .description('print the endpoints, services or regions a policy defines, one a line (for completion scripts)')
    .argument('<kind>', 'endpoints, services or regions')
    .argument('<policy>', 'policy file')
    .addHelpText('after', '\nExamples:\n  trafficport __complete endpoints policy.yaml')
    .action(async (kind: string, file: string) => {
      const { runCompleteValues } = await import('../commands/complete-values.js');
      deliver(await runCompleteValues(kind, file, io), { json: false });
    });

  const mock = program
    .command('mock')
    .description('run the embedded mock DNS backends')
    .addHelpText('after', '\nExamples:\n  trafficport mock serve --route53-port 8053 --azure-port 8443');
  mock
    .command('serve')
    .description('serve the Route 53 and Azure mock backends on loopback, sharing state with other trafficport runs')
    .option('--state-dir <dir>', 'state directory (default .trafficport, or TRAFFICPORT_STATE_DIR)')
    .option('--route53-port <port>', 'port for the Route 53 mock (HTTP)', portValue, '0')
    .option(
      '--azure-port <port>',
      'port for the Azure mock (HTTPS, a certificate made at start for the loopback names)',
      portValue,
      '0',
    )
    .option('--rate-limits', "enforce the providers' documented rate limits")
    .addHelpText('after', '\nExamples:\n  trafficport mock serve --route53-port 8053 --azure-port 8443')
    .action(async (flags: MockServeFlags) => {
      const { runMockServe } = await import('../commands/mock-serve.js');
      deliver(await runMockServe(flags, io, present({ json: false }), interrupted()), { json: false });
    });

  withOutput(mock.command('seed'))
    .description('create records in a mock zone as another tool would have (to try import and adopt)')
    .argument('<policy>', 'policy naming the Route 53 provider (backend: mock)')
    .argument('<batch>', 'a Route 53 change batch of CREATE changes (JSON, as the AWS CLI takes it)')
    .option('--provider <id>', 'the Route 53 provider, when the policy has several')
    .option('--state-dir <dir>', 'state directory (default .trafficport, or TRAFFICPORT_STATE_DIR)')
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport mock seed examples/adopt/providers.yaml examples/adopt/route53-records.json',
    )
    .action(async (file: string, batch: string, flags: OutputFlags & MockSeedFlags) => {
      const { runMockSeed } = await import('../commands/mock-seed.js');
      deliver(await runMockSeed(file, batch, flags, io), flags);
    });

  return program;
}

/** `report` and `completion`: outputs made for people and shells rather than for a pipeline. */
function addReportingCommands(program: Command, io: CliIo, deliver: Deliver): void {
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

  program
    .command('completion')
    .description('print a shell completion script (commands and their flags) for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      '\nExamples:\n  trafficport completion bash > /etc/bash_completion.d/trafficport\n  source <(trafficport completion bash)            # current bash session\n  trafficport completion zsh > ~/.zfunc/_trafficport   # a directory in $fpath\n  trafficport completion fish > ~/.config/fish/completions/trafficport.fish',
    )
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const { runCompletion } = await import('../commands/completion.js');
      deliver(runCompletion(shell, program), { json: false });
    });
}

const ROOT_EXAMPLES = `Examples:
  trafficport init && trafficport validate trafficport.yaml
  trafficport splits trafficport.yaml --at +2h
  trafficport plan trafficport.yaml --out plan.json && trafficport apply plan.json
  trafficport report trafficport.yaml --html report.html
  source <(trafficport completion bash)

Output: a terminal view on a terminal (no color with --no-color or NO_COLOR), plain text when
piped, JSON with --json.`;

/**
 * What completion offers for a value that commander does not restrict: fixed words, or names read
 * from the policy on the command line (`trafficport __complete KIND POLICY`). Read by
 * commands/completion.ts from the option or argument itself.
 */
export interface Completion {
  readonly choices?: readonly string[];
  readonly from?: 'endpoints' | 'services' | 'regions';
}

function completing<T extends Option | Argument>(item: T, completion: Completion): T {
  return Object.assign(item, { completion });
}

/** The clouds a policy's endpoints may be in (policy/schema.ts), and those with a region catalog. */
const CLOUDS = ['aws', 'azure', 'gcp', 'onprem'];
const CATALOG_CLOUDS = ['aws', 'azure', 'gcp'];

/** Resolves on Ctrl-C or SIGTERM: long-running commands stop cleanly between steps. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * Real cloud credentials go to TRAFFICPORT_*_ENDPOINT only when asked by name; without it an
 * override gets fake ones, and one that is not loopback is refused for a real backend.
 */
const SEND_CREDENTIALS = [
  '--send-credentials-to-endpoint',
  'send your real AWS/Azure credentials to TRAFFICPORT_ROUTE53_ENDPOINT / TRAFFICPORT_AZURE_ENDPOINT (a proxy or private endpoint you trust); without it they get fake ones',
] as const;

/** Every writer holds a lease on each zone it writes (docs/locking.md). */
const LOCK_TIMEOUT = [
  '--lock-timeout <duration>',
  'wait this long for a zone lease another run holds (e.g. 10m; default: fail at once, naming the holder)',
] as const;

/** Flags of every command that talks to providers. */
function withPublishFlags(command: Command): Command {
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
function withSafetyFlags(command: Command): Command {
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
function withRampFlags(command: Command): Command {
  return command
    .option(
      '--max-shift <percent>',
      'move at most this share of any geography per step, waiting a TTL between steps',
      percentValue({ aboveZero: true }),
    )
    .option('--step-wait <duration>', 'time between ramp steps (default: the largest TTL)', durationValue);
}

/** What `apply --resume` cannot take: everything that shapes a new plan (option attribute names). */
const RESUME_CONFLICTS = [
  'at',
  'down',
  'downRegion',
  'downCloud',
  'health',
  'latency',
  'provider',
  'service',
  'maxRecordDelete',
  'maxTrafficMove',
  'force',
  'acceptDegraded',
  'maxShift',
  'stepWait',
];

/** The what-if flags shared by every command that solves. */
function withSolveFlags(command: Command): Command {
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
    .option('--latency <file>', 'measured latency CSV (geography,endpoint,ms); overrides rules.geography.latencyFile');
}

function withOutput(command: Command): Command {
  return command
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .addOption(new Option('--pretty', 'indent the JSON even when it does not go to a terminal (compact when piped)'))
    .addOption(new Option('--no-color', 'never color the output (NO_COLOR is honoured too)'));
}
