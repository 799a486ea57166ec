import { TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import { loadSolveInputs } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import type { LiveState } from '../plan/types.js';
import type { Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import type { AdapterOptions, ProviderAdapter, ProviderKit } from '../providers/types.js';
import { foreignAnswers } from '../publish/foreign-answers.js';
import { adapterOptions, type PublishFlags, publishingProviders, servicesOf } from '../publish/prepare.js';
import { providerHealthReader } from '../publish/provider-health.js';
import { type PublishedRead, settleSplits } from '../publish/published.js';
import { selectServices } from '../publish/service-filter.js';
import { publishedEvaluator } from '../publish/verify-published.js';
import { comparePublished } from '../resolver/compare-published.js';
import { styles } from '../ui/text/colors.js';
import { verifyFailover } from './verify-failover.js';

/**
 * Reads what each provider publishes, evaluates it as resolvers would for every geography and
 * every record type, and compares the answers with the plan at the same moment (the comparison
 * apply's read-back uses too: resolver/compare-published.ts).
 */
export async function runVerify(file: string, flags: PublishFlags, io: CliIo): Promise<CommandResult> {
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, flags));
  // With endpoints named down, verify asks what the published records give users then.
  const whatIf = [flags.down, flags.downRegion, flags.downCloud].some((list) => (list?.length ?? 0) > 0);
  if (whatIf) return verifyFailover(file, inputs, flags, io);
  const options = adapterOptions(io, flags);
  const policy = selectServices(inputs.policy, flags.service);
  const providers = publishingProviders(policy, flags.provider);
  if (providers.length === 0)
    throw new TrafficportError('USAGE.NO_PROVIDER', 'no provider to verify', { hint: 'check --provider' });
  // The splits plan would publish (the same reference), not another equally good one.
  const { splits, first } = await settleSplits(inputs, policy, providers, options);
  const results = await Promise.all(
    providers.map(async (provider) => {
      const services = servicesOf(policy, provider);
      const { kit, adapter, geoList, live } = await readProvider(provider, services, first, options);
      const evaluator = publishedEvaluator(kit, policy, provider, geoList);
      const { liveEvaluator, notOwned } = await foreignAnswers({
        owned: evaluator,
        live,
        policy,
        provider,
        adapter,
        geoList,
      });
      const result = comparePublished({
        policy,
        splits,
        services,
        desired: kit.render({ policy, splits, provider, geoList }),
        live: live.resources,
        evaluator,
        ...(liveEvaluator === undefined ? {} : { liveEvaluator }),
      });
      return {
        provider: provider.id,
        type: provider.type,
        notOwned,
        checked: result.checked,
        types: result.types,
        degraded: result.degraded,
        tolerancePercent: round(100 * kit.tolerance),
        mismatches: result.mismatches,
      };
    }),
  );
  const ok = results.every((r) => r.mismatches.length === 0);
  return {
    exitCode: ok ? ExitCode.OK : ExitCode.ERROR,
    json: () => ({ version: 1, at: splits.at, ok, providers: results }),
    human: ({ color }) => {
      const s = styles(color);
      const lines = [`${s.bold('verify')} ${file} at ${splits.at}`];
      for (const r of results) {
        if (r.mismatches.length === 0) {
          const closest =
            r.degraded === 0 ? '' : `; ${r.degraded} of them as the closest form the provider can hold (degraded)`;
          const foreignNote =
            r.notOwned.length === 0
              ? ''
              : `; ${r.notOwned.join(', ')} answered by records trafficport does not own yet (adopt takes them over)`;
          lines.push(
            `${s.green('✓')} ${r.provider}: ${r.checked} geographies answer as planned (${r.types.join(', ') || 'no records'}; within ${r.tolerancePercent}%)${closest}${foreignNote}`,
          );
          continue;
        }
        lines.push(
          `${s.red('✗')} ${r.provider}: ${r.mismatches.length} of ${r.checked} geographies differ from the plan`,
        );
        for (const m of r.mismatches.slice(0, 10)) {
          lines.push(
            `  ${m.service} ${m.type} ${m.geo}: published ${JSON.stringify(m.published)}, planned ${JSON.stringify(m.expected)} (off by ${m.deviation}%)`,
          );
        }
        if (r.mismatches.length > 10) lines.push(s.dim(`  … ${r.mismatches.length - 10} more`));
      }
      if (!ok) lines.push('', 'run trafficport plan to see the changes that would fix it');
      return `${lines.join('\n')}\n`;
    },
  };
}

/**
 * A provider's kit, adapter, geography list and live records. The first provider was read
 * already, to settle the splits (publish/published.ts): that read is used, not made twice.
 */
async function readProvider(
  provider: Provider,
  services: readonly string[],
  first: PublishedRead | undefined,
  options: AdapterOptions,
): Promise<{ kit: ProviderKit; adapter: ProviderAdapter; geoList: GeoList; live: LiveState }> {
  if (first !== undefined && first.provider === provider) {
    if ('error' in first) throw first.error;
    return first;
  }
  const kit = await loadProviderKit(provider.type);
  const adapter = await kit.createAdapter(provider, options);
  const geoList = await adapter.geoList();
  return { kit, adapter, geoList, live: await adapter.read(services) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
