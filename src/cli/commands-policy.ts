import { Argument, type Command, Option } from 'commander';
import type { InitOptions } from '../commands/init.js';
import { EXAMPLE_NAMES } from '../io/example-names.js';
import type { CommandContext, OutputFlags } from './context.js';
import { CATALOG_CLOUDS, completing, withOutput } from './flags.js';

/**
 * `validate`, `schema`, `init`, `regions` and the hidden `__complete`: the policy and its catalogs.
 * Each action imports its command module lazily.
 */
export function addPolicyCommands(program: Command, { io, deliver }: CommandContext): void {
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
}
