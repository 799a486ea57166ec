import { loadSolveInputs, type SolveFlags, warningNotes } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { solve } from '../solve/solve.js';
import type { SplitPlan } from '../solve/types.js';
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
  const inputs = await loadSolveInputs(file, flags, io);
  const plan = selectServices(solve(inputs.policy, inputs.at, inputs.options), flags.service);
  checkGeographies(plan, flags.geo ?? []);
  const limit = flags.all ? Number.POSITIVE_INFINITY : Number(flags.top ?? 15);
  const notes = warningNotes(inputs.warnings);
  return {
    exitCode: ExitCode.OK,
    ...(notes === undefined ? {} : { notes }),
    // --geo narrows the JSON as it narrows the tables (--top is a view's length, not a filter).
    json: () => onlyGeographies(plan, flags.geo),
    human: ({ color }) => formatSplits(plan, { geos: flags.geo ?? [], limit }, styles(color)),
    view: splitsView(plan, { geos: flags.geo ?? [], limit }),
  };
}

function onlyGeographies(plan: SplitPlan, geos: readonly string[] | undefined): SplitPlan {
  if (geos === undefined || geos.length === 0) return plan;
  return {
    ...plan,
    services: plan.services.map((service) => ({
      ...service,
      geographies: service.geographies.filter((geo) => geos.includes(geo.geo)),
    })),
  };
}
