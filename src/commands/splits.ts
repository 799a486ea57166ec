import { TrafficportError } from '../errors.js';
import { loadSolveInputs, type SolveFlags } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { providerHealthReader } from '../publish/provider-health.js';
import { solve } from '../solve/solve.js';
import type { Splits } from '../solve/types.js';
import { splitsView } from '../ui/ink/terminal.js';
import { styles } from '../ui/text/colors.js';
import { splitsText } from '../ui/text/splits.js';
import { checkGeographies, selectServices } from './select.js';

export interface SplitsFlags extends SolveFlags {
  readonly service?: string;
  readonly geo?: readonly string[];
  readonly all?: boolean;
  readonly top?: string;
  /** Each geography's nearest-endpoint ranking (the `nearest` reason): large, so only when asked. */
  readonly rankings?: boolean;
  readonly json?: boolean;
}

export async function runSplits(file: string, flags: SplitsFlags, io: CliIo): Promise<CommandResult> {
  if (flags.rankings && !flags.json) {
    throw new TrafficportError('USAGE.MISSING_ARGUMENT', '--rankings adds to the JSON output and needs --json', {
      hint: 'add --json; `trafficport explain --geo GEO` shows the ranking of one geography as text',
    });
  }
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, {}));
  const detail = flags.rankings ? 'full' : 'reasons';
  const splits = selectServices(solve(inputs.policy, inputs.at, { ...inputs.options, detail }), flags.service);
  checkGeographies(splits, flags.geo ?? []);
  const limit = flags.all ? Number.POSITIVE_INFINITY : Number(flags.top ?? 15);
  return {
    exitCode: ExitCode.OK,
    // --geo narrows the JSON as it narrows the tables (--top is a view's length, not a filter).
    json: () => onlyGeographies(splits, flags.geo),
    human: ({ color }) => splitsText(splits, { geos: flags.geo ?? [], limit }, styles(color)),
    view: splitsView(splits, { geos: flags.geo ?? [], limit }),
  };
}

function onlyGeographies(splits: Splits, geos: readonly string[] | undefined): Splits {
  if (geos === undefined || geos.length === 0) return splits;
  return {
    ...splits,
    services: splits.services.map((service) => ({
      ...service,
      geographies: service.geographies.filter((geo) => geos.includes(geo.geo)),
    })),
  };
}
