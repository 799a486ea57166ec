import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Presenter, Progress } from '../commands/present.js';
import { type ErrorCode, exitCodeOf, isTrafficportError, TrafficportError } from '../errors.js';
import { ExitCode, type ExitCodeValue } from '../io/exit-codes.js';
import { type CliIo, type InputWarning, processIo, warningLine } from '../io/io.js';
import { packageVersion } from '../io/package-root.js';
import type { CommandResult } from '../io/result.js';
import { writeChunks } from '../io/write-chunks.js';
import { isInteractive, liveProgress, printView, viewOptions, withTerminalConfirm } from '../ui/ink/terminal.js';
import { shouldColor, styles } from '../ui/text/colors.js';
import { formatDiagnostics } from '../ui/text/diagnostics.js';
import { progressLines } from '../ui/text/progress.js';
import { jsonChunks } from '../util/json-chunks.js';
import type { OutputFlags } from './context.js';
import { redactSecrets } from './redact.js';

/** The exact invocations answered without building the command tree (commander prints the same). */
const VERSION_ONLY = new Set(['--version', '-V']);

/** Runs the CLI and returns the exit code; the only place that turns errors into output. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCodeValue> {
  // Scripts and installers run `--version` to check the tool: answer it before commander and the
  // command tree load, so it costs little more than starting node (see docs/performance.md).
  if (argv.length === 1 && VERSION_ONLY.has(argv[0] ?? '')) {
    io.stdout.write(`${packageVersion()}\n`);
    return ExitCode.OK;
  }
  const [{ CommanderError }, { buildProgram }] = await Promise.all([import('commander'), import('./program.js')]);
  const json = argv.includes('--json');
  const color = shouldColor(io.stdout.isTTY, io.env, !argv.includes('--no-color'));
  // Indented for a person at a terminal (or asked for); compact for the programs reading a pipe.
  const pretty = io.stdout.isTTY === true || argv.includes('--pretty');
  if (argv.includes('--pretty') && !json && !argv.some((arg) => arg === '--out' || arg.startsWith('--out='))) {
    const error = new TrafficportError('USAGE.MISSING_ARGUMENT', '--pretty indents JSON output and needs --json', {
      hint: 'add --json (or, for plan, --out FILE)',
    });
    reportError(error, io, json, color, pretty);
    return ExitCode.USAGE;
  }
  let exitCode: ExitCodeValue = ExitCode.OK;
  // Warnings about the inputs: on stderr when they arise, and in the --json document's `warnings`.
  const warnings: InputWarning[] = [];
  const runIo: CliIo = {
    ...io,
    warn: (warning) => {
      // A policy read twice in one run (apply: the plan, then each --watch round) warns once.
      const line = warningLine(warning);
      if (warnings.some((w) => warningLine(w) === line)) return;
      warnings.push(warning);
      io.stderr.write(line);
    },
  };
  // A terminal view renders asynchronously; it is awaited below, inside the error handling.
  let rendering: Promise<void> = Promise.resolve();
  const show = (result: CommandResult, flags: OutputFlags): Promise<void> => {
    rendering = rendering.then(() => presentResult(result, flags, io, warnings));
    return rendering;
  };
  const deliver = (result: CommandResult, flags: OutputFlags): void => {
    void show(result, flags).catch(() => {});
    exitCode = result.exitCode;
  };
  const present = (flags: OutputFlags): Presenter => ({
    // With --json only the result is printed: one JSON document, nothing before it.
    show: (result) => (flags.json === true ? Promise.resolve() : show(result, flags)),
    progress: (providers) => progressFor(io, flags, providers),
  });
  const program = buildProgram(json ? runIo : withTerminalConfirm(runIo, color), packageVersion(), deliver, present);
  // Subcommands do not inherit settings made after they were created: without this, a usage error
  // in `validate` (unknown option, missing argument) made commander call process.exit(1) itself.
  // With --json, a usage error is reported as JSON on stdout (below) instead of commander's text.
  let usageText = '';
  const configure = (command: Command, path: string): void => {
    command.showHelpAfterError(`  hint: \`${path} --help\` lists the arguments and options`);
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => {
        if (json) usageText += text;
        else io.stderr.write(text);
      },
    });
    for (const sub of command.commands) configure(sub, `${path} ${sub.name()}`);
  };
  configure(program, 'trafficport');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    await rendering;
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const informational = ['commander.version', 'commander.helpDisplayed', 'commander.help'].includes(error.code);
      if (informational || error.exitCode === 0) return ExitCode.OK;
      if (json) reportError(usageError(error, usageText), io, json, color, pretty);
      return ExitCode.USAGE;
    }
    const failure = toTrafficportError(error);
    // The warnings are already on stderr; a --json error carries them as a result would.
    reportError(failure, io, json, color, pretty, warnings);
    return exitCodeOf(failure.code);
  }
}

/** Writes a result where it belongs: JSON, the terminal view, or plain text. */
async function presentResult(
  result: CommandResult,
  flags: OutputFlags,
  io: CliIo,
  warnings: readonly InputWarning[],
): Promise<void> {
  if (result.notes !== undefined) io.stderr.write(result.notes);
  if (flags.json === true) {
    const pretty = flags.pretty === true || io.stdout.isTTY === true;
    await writeChunks(io.stdout, jsonDocument(withWarnings(result.json(), warnings), pretty));
    return;
  }
  const out = result.humanStream === 'stderr' ? io.stderr : io.stdout;
  const view = result.view;
  if (view !== undefined && isInteractive(out, flags)) {
    await printView(out, view, viewOptions(out, io.env, flags));
  } else {
    const text = result.human({ json: false, color: shouldColor(out.isTTY, io.env, flags.color !== false) });
    if (typeof text === 'string') out.write(text);
    else await writeChunks(out, text);
  }
}

/** A JSON document (an object) with the run's input warnings, when there are any. */
function withWarnings(value: unknown, warnings: readonly InputWarning[]): unknown {
  if (warnings.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return { ...value, warnings: [...warnings] };
}

function* jsonDocument(value: unknown, pretty: boolean): Generator<string> {
  yield* jsonChunks(value, pretty);
  yield '\n';
}

/** Apply's progress: live on a terminal, plain lines on stderr elsewhere, nothing with --json. */
async function progressFor(io: CliIo, flags: OutputFlags, providers: readonly string[]): Promise<Progress> {
  const live = await liveProgress(io, flags, providers);
  if (live !== undefined) return live;
  return {
    events: flags.json === true ? {} : progressLines((line) => io.stderr.write(line)),
    close: async () => {},
  };
}

/** Commander's error codes as ours, for the --json envelope and the catalogue. */
const COMMANDER_CODES: Readonly<Record<string, ErrorCode>> = {
  'commander.invalidArgument': 'USAGE.INVALID_ARGUMENT',
  'commander.conflictingOption': 'USAGE.CONFLICTING_OPTION',
  'commander.unknownOption': 'USAGE.UNKNOWN_OPTION',
  'commander.unknownCommand': 'USAGE.UNKNOWN_COMMAND',
  'commander.missingArgument': 'USAGE.MISSING_ARGUMENT',
  'commander.optionMissingArgument': 'USAGE.MISSING_ARGUMENT',
  'commander.missingMandatoryOptionValue': 'USAGE.MISSING_ARGUMENT',
  'commander.excessArguments': 'USAGE.EXCESS_ARGUMENTS',
};

/** Commander's usage error as our envelope: its first line the message, the rest the hint. */
function usageError(error: { code: string; message: string }, text: string): TrafficportError {
  const [message = error.message, ...rest] = (text.trim() || error.message).replace(/^error: /, '').split('\n');
  const hint = rest
    .map((line) => line.trim().replace(/^hint: /, ''))
    .filter((line) => line !== '')
    .join('; ');
  return new TrafficportError(
    COMMANDER_CODES[error.code] ?? 'USAGE.COMMAND_LINE',
    message,
    hint === '' ? {} : { hint },
  );
}

function toTrafficportError(error: unknown): TrafficportError {
  if (isTrafficportError(error)) return error;
  return new TrafficportError(
    'INTERNAL.UNEXPECTED',
    `unexpected failure: ${(error as Error)?.message ?? String(error)}`,
    {
      hint: 'this is a bug in trafficport; please report it with the command you ran',
      cause: error,
    },
  );
}

function reportError(
  error: TrafficportError,
  io: CliIo,
  json: boolean,
  color: boolean,
  pretty: boolean,
  warnings: readonly InputWarning[] = [],
): void {
  if (json) {
    const envelope = withWarnings({ version: 1, error: error.toJSON() }, warnings);
    io.stdout.write(`${JSON.stringify(envelope, null, pretty ? 2 : undefined)}\n`);
    return;
  }
  const s = styles(color);
  if (error.diagnostics.length > 0) {
    io.stderr.write(formatDiagnostics(error.diagnostics, sourceTextFor(error, io.cwd), s));
  }
  io.stderr.write(`${s.red(s.bold('error'))} ${s.dim(error.code)} ${error.message}\n`);
  for (const item of error.items) io.stderr.write(`  - ${item}\n`);
  if (error.hint !== undefined) io.stderr.write(`  ${s.cyan('hint:')} ${error.hint}\n`);
  if (error.code === 'INTERNAL.UNEXPECTED' && io.env.TRAFFICPORT_DEBUG !== undefined) {
    io.stderr.write(`${redactSecrets(String((error.cause as Error)?.stack ?? error.cause), io.env)}\n`);
  }
}

function sourceTextFor(error: TrafficportError, cwd: string): string | undefined {
  const file = error.location?.file;
  if (file === undefined) return undefined;
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch {
    return undefined;
  }
}
