import { loadSolveInputs, type SolveFlags, warningNotes } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { providerHealthReader } from '../publish/provider-health.js';
import { solve } from '../solve/solve.js';
import { splitsView } from '../ui/ink/terminal.js';
import { styles } from '../ui/text/colors.js';
import { formatSplits } from '../ui/text/splits.js';
import { checkGeographies, selectServices } from './select.js';

export interface SplitsFlags extends SolveFlags {
  readonly service?: string;
  readonly geo?: readonly string[];
  readonly all?: boolean;
  readonly top?: string;
}

export async function runSplits(file: string, flags: SplitsFlags, io: CliIo): Promise<CommandResult> {
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, {}));
  const plan = selectServices(solve(inputs.policy, inputs.at, inputs.options), flags.service);
  checkGeographies(plan, flags.geo ?? []);
  const limit = flags.all ? Number.POSITIVE_INFINITY : Number(flags.top ?? 15);
  const notes = warningNotes(inputs.warnings);
  return {
    exitCode: ExitCode.OK,
    ...(notes === undefined ? {} : { notes }),
    json: () => plan,
    human: ({ color }) => formatSplits(plan, { geos: flags.geo ?? [], limit }, styles(color)),
    view: splitsView(plan, { geos: flags.geo ?? [], limit }),
  };
}
