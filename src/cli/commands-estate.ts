import type { Command } from 'commander';
import type { AdoptCommandFlags } from '../commands/adopt.js';
import type { ImportFlags } from '../commands/import.js';
import type { MockSeedFlags } from '../commands/mock-seed.js';
import type { MockServeFlags } from '../commands/mock-serve.js';
import { type CommandContext, interrupted, type OutputFlags } from './context.js';
import { durationValue, portValue } from './flag-values.js';
import { LOCK_TIMEOUT, SEND_CREDENTIALS, withOutput } from './flags.js';

/**
 * `import`, `adopt` and `mock serve`/`mock seed`: bringing existing records in, and the mock backends.
 * Each action imports its command module lazily.
 */
export function addEstateCommands(program: Command, { io, deliver, present }: CommandContext): void {
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
}
