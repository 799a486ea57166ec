import { TrafficportError } from '../errors.js';
import { loadSolveInputs } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { loadProviderKit } from '../providers/registry.js';
import { adapterOptions, type PublishFlags, publishingProviders, servicesOf } from '../publish/prepare.js';
import { solve } from '../solve/solve.js';
import { styles } from '../ui/text/colors.js';

interface Mismatch {
  readonly service: string;
  readonly geo: string;
  readonly expected: Record<string, number>;
  readonly published: Record<string, number>;
  readonly deviation: number;
}

/**
 * Reads what each provider publishes, evaluates it as resolvers would for every geography, and
 * compares the answer distribution with the plan at the same moment.
 */
export async function runVerify(file: string, flags: PublishFlags, io: CliIo): Promise<CommandResult> {
  const inputs = await loadSolveInputs(file, flags, io);
  const split = solve(inputs.policy, inputs.at, inputs.options);
  const options = adapterOptions(io, flags);
  const providers = publishingProviders(inputs.policy, flags.provider);
  if (providers.length === 0)
    throw new TrafficportError('USAGE.NO_PROVIDER', 'no provider to verify', { hint: 'check --provider' });
  const results = await Promise.all(
    providers.map(async (provider) => {
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, options);
      const live = await adapter.read(servicesOf(inputs.policy, provider));
      const actual = kit.evaluate(live.resources, inputs.policy, provider);
      const mismatches: Mismatch[] = [];
      let checked = 0;
      for (const service of split.services.filter((s) => servicesOf(inputs.policy, provider).includes(s.service))) {
        for (const geo of service.geographies) {
          checked++;
          const answers = actual.get(service.service)?.get(geo.geo);
          const expected = Object.fromEntries(Object.entries(geo.shares).filter(([, v]) => v > 0));
          const published = Object.fromEntries(
            [...(answers ?? new Map())].filter(([, v]) => v > 0).map(([id, v]) => [id, round(100 * v)]),
          );
          const ids = new Set([...Object.keys(geo.shares), ...(answers?.keys() ?? [])]);
          const deviation =
            answers === undefined
              ? 1
              : Math.max(...[...ids].map((id) => Math.abs((geo.shares[id] ?? 0) / 100 - (answers.get(id) ?? 0))));
          if (deviation > kit.tolerance)
            mismatches.push({
              service: service.service,
              geo: geo.geo,
              expected,
              published,
              deviation: round(100 * deviation),
            });
        }
      }
      return {
        provider: provider.id,
        type: provider.type,
        checked,
        tolerancePercent: round(100 * kit.tolerance),
        mismatches,
      };
    }),
  );
  const ok = results.every((r) => r.mismatches.length === 0);
  return {
    exitCode: ok ? ExitCode.OK : ExitCode.ERROR,
    json: () => ({ version: 1, at: split.at, ok, providers: results }),
    human: ({ color }) => {
      const s = styles(color);
      const lines = [`${s.bold('verify')} ${file} at ${split.at}`];
      for (const r of results) {
        if (r.mismatches.length === 0) {
          lines.push(
            `${s.green('✓')} ${r.provider}: ${r.checked} geographies answer as planned (within ${r.tolerancePercent}%)`,
          );
          continue;
        }
        lines.push(
          `${s.red('✗')} ${r.provider}: ${r.mismatches.length} of ${r.checked} geographies differ from the plan`,
        );
        for (const m of r.mismatches.slice(0, 10)) {
          lines.push(
            `  ${m.service} ${m.geo}: published ${JSON.stringify(m.published)}, planned ${JSON.stringify(m.expected)} (off by ${m.deviation}%)`,
          );
        }
        if (r.mismatches.length > 10) lines.push(s.dim(`  … ${r.mismatches.length - 10} more`));
      }
      if (!ok) lines.push('', 'run trafficport plan to see the changes that would fix it');
      return `${lines.join('\n')}\n`;
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
