import { TrafficportError } from '../errors.js';
import { loadSolveInputs, type SolveFlags } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { didYouMean } from '../policy/suggest.js';
import { providerHealthReader } from '../publish/provider-health.js';
import { explainGeography, type GeographyExplanation } from '../solve/explain.js';
import { listGeographies } from '../solve/geographies.js';
import { solve } from '../solve/solve.js';
import { type Styles, styles } from '../ui/text/colors.js';
import { describeShortfalls } from '../ui/text/shortfalls.js';
import { type AllDownAnswer, allDownAnswers, describeAllDown } from './explain-failover.js';
import { selectServices } from './select.js';

export interface ExplainFlags extends SolveFlags {
  readonly geo: string;
  readonly service?: string;
}

export async function runExplain(file: string, flags: ExplainFlags, io: CliIo): Promise<CommandResult> {
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, {}));
  const geo = flags.geo === 'default' ? '*' : flags.geo;
  const known = listGeographies(inputs.policy).map((g) => g.id);
  if (!known.includes(geo)) {
    throw new TrafficportError('USAGE.UNKNOWN_GEOGRAPHY', `--geo: '${flags.geo}' is not a geography of this policy`, {
      hint:
        didYouMean(geo, known) ??
        'give a country code (DE), a US state named in the policy (US-CA) or * for the default',
    });
  }
  const full = solve(inputs.policy, inputs.at, inputs.options);
  const plan = selectServices(full, flags.service);
  const explanations = explainGeography(inputs.policy, plan, geo, inputs.options.measuredLatency);
  const allDown = allDownAnswers(
    inputs.policy,
    full,
    geo,
    plan.services.map((s) => s.service),
  );
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, at: plan.at, geo, services: explanations, whenAllDown: allDown }),
    human: ({ color }) =>
      `${explanations
        .map((e) =>
          formatExplanation(
            e,
            plan.at,
            styles(color),
            allDown.filter((a) => a.service === e.service),
          ),
        )
        .join('\n')}`,
  };
}

function formatExplanation(x: GeographyExplanation, at: string, s: Styles, allDown: readonly AllDownAnswer[]): string {
  const g = x.geography;
  const lines = [
    `${s.bold(`${g.geo} ${g.name}`)} · ${x.service} · at ${at}`,
    `  ${g.demand}% of demand · expected latency ${g.latencyMs} ms`,
    '',
  ];
  const width = Math.max(...x.endpoints.map((e) => e.endpoint.length));
  for (const e of x.endpoints) {
    const share = `${e.share}%`.padStart(8);
    const latency = e.latencyMs === undefined ? '' : `${e.latencyMs} ms`.padStart(9);
    const styled = e.share > 0 ? s.green(share) : s.dim(share);
    lines.push(`  ${e.endpoint.padEnd(width)} ${styled} ${latency}  ${e.notes.join('; ')}`);
  }
  lines.push('', `  ${s.bold('because')}`);
  for (const line of x.because) lines.push(`  - ${line}`);
  const shortfalls = describeShortfalls(x.shortfalls.map((shortfall) => ({ ...shortfall, service: x.service })));
  if (shortfalls.length > 0) {
    lines.push('', `  ${s.bold('shortfalls')}`);
    for (const line of shortfalls) lines.push(`  ${s.yellow('!')} ${line}`);
  }
  if (allDown.length > 0) {
    lines.push('', `  ${s.bold('if everything it may use is down')}`);
    for (const answer of allDown) lines.push(`  - ${describeAllDown(answer)}`);
  }
  lines.push('', `  ${s.bold('what DNS cannot promise')}`);
  for (const line of x.caveats) lines.push(`  - ${s.dim(line)}`);
  return `${lines.join('\n')}\n`;
}
