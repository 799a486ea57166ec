import { Command, Option } from 'commander';
import { EXIT_CODES_HELP } from './help.js';
import type { CliIo } from './io.js';
import type { CommandResult } from './result.js';

export interface OutputFlags {
  readonly json?: boolean;
  readonly color?: boolean;
}

/** Called by each action with the command's result; the runner renders it. */
export type Deliver = (result: CommandResult, flags: OutputFlags) => void;

/**
 * Declares the command tree. Each action imports its command module lazily, so `--version` and
 * `validate` never load what `plan` needs (cloud SDKs, the solver, the terminal UI).
 */
export function buildProgram(io: CliIo, version: string, deliver: Deliver): Command {
  const program = new Command('trafficport')
    .description(
      'Compute multicloud traffic splits from geography, sovereignty and maintenance rules, and publish them as DNS records.',
    )
    .version(version, '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);

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
    .option('-f, --force', 'overwrite an existing trafficport.yaml', false)
    .addHelpText('after', '\nExamples:\n  trafficport init\n  trafficport init infra/traffic')
    .action(async (dir: string, flags: OutputFlags & { force: boolean }) => {
      const { runInit } = await import('../commands/init.js');
      deliver(await runInit(dir === '.' ? undefined : dir, { force: flags.force }, io), flags);
    });

  withOutput(program.command('regions'))
    .description('list the cloud regions trafficport knows, with city, country and jurisdictions')
    .argument('[cloud]', 'aws, azure or gcp')
    .addHelpText('after', '\nExamples:\n  trafficport regions aws\n  trafficport regions --json')
    .action(async (cloud: string | undefined, flags: OutputFlags) => {
      const { runRegions } = await import('../commands/regions.js');
      deliver(runRegions(cloud), flags);
    });

  return program;
}

function withOutput(command: Command): Command {
  return command
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .addOption(new Option('--no-color', 'never color the output (NO_COLOR is honoured too)'));
}
