import { Argument, Command } from 'commander';
import type { CliIo } from '../io/io.js';
import { addEstateCommands } from './commands-estate.js';
import { addPolicyCommands } from './commands-policy.js';
import { addPublishCommands } from './commands-publish.js';
import { addSolveCommands } from './commands-solve.js';
import type { CommandContext, Deliver, Present } from './context.js';
import { EXIT_CODES_HELP } from './help.js';

export type { Deliver, OutputFlags, Present } from './context.js';

/**
 * Declares the command tree, one module per command group. Each action imports its command
 * module lazily, so `validate` never loads what `plan` needs (cloud SDKs, the solver, the
 * terminal UI).
 */
export function buildProgram(io: CliIo, version: string, deliver: Deliver, present: Present): Command {
  const program = new Command('trafficport')
    .description(
      'Compute multicloud traffic splits from geography, sovereignty and maintenance rules, and publish them as DNS records.',
    )
    .version(version, '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n${ROOT_EXAMPLES}\n\n${EXIT_CODES_HELP}`);
  const context: CommandContext = { io, deliver, present };
  addPolicyCommands(program, context);
  addSolveCommands(program, context);
  addPublishCommands(program, context);
  addEstateCommands(program, context);
  addCompletionCommand(program, context);
  return program;
}

/** `completion`: a script for the whole command tree, which it reads from `program`. */
function addCompletionCommand(program: Command, { deliver }: CommandContext): void {
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
