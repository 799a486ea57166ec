import { TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import { loadSolveInputs } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import type { Policy, Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import type { ProviderKit } from '../providers/types.js';
import { adapterOptions, type PublishFlags, publishingProviders, servicesOf } from '../publish/prepare.js';
import { providerHealthReader } from '../publish/provider-health.js';
import type { DesiredState } from '../render/types.js';
import { solve } from '../solve/solve.js';
import { styles } from '../ui/text/colors.js';
import { verifyFailover } from './verify-failover.js';

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
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, flags));
  // With endpoints named down, verify asks what the published records give users then.
  const whatIf = [flags.down, flags.downRegion, flags.downCloud].some((list) => (list?.length ?? 0) > 0);
  if (whatIf) return verifyFailover(file, inputs, flags, io);
  const split = solve(inputs.policy, inputs.at, inputs.options);
  const options = adapterOptions(io, flags);
  const providers = publishingProviders(inputs.policy, flags.provider);
  if (providers.length === 0)
    throw new TrafficportError('USAGE.NO_PROVIDER', 'no provider to verify', { hint: 'check --provider' });
  const results = await Promise.all(
    providers.map(async (provider) => {
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, options);
      const geoList = await adapter.geoList();
      const live = await adapter.read(servicesOf(inputs.policy, provider));
      const actual = kit.evaluate(live.resources, inputs.policy, provider, geoList);
      const desired = kit.render({ policy: inputs.policy, plan: split, provider, geoList });
      const promised = fallbackAnswers(kit, inputs.policy, desired, provider, geoList);
      // Where the plan cannot be published exactly (a degradation the apply accepted), the
      // provider should answer as its closest form does: that is what trafficport publishes.
      const closest =
        desired.degradations.length === 0
          ? undefined
          : kit.evaluate(desired.resources, inputs.policy, provider, geoList);
      const mismatches: Mismatch[] = [];
      let checked = 0;
      let degraded = 0;
      for (const service of split.services.filter((s) => servicesOf(inputs.policy, provider).includes(s.service))) {
        for (const planned of service.geographies) {
          checked++;
          // A geography the provider cannot target is held to what the plan said answers it instead.
          const geo = { ...planned, shares: promised.get(service.service)?.get(planned.geo) ?? planned.shares };
          const answers = actual.get(service.service)?.get(geo.geo);
          const expected = Object.fromEntries(Object.entries(geo.shares).filter(([, v]) => v > 0));
          const published = Object.fromEntries(
            [...(answers ?? new Map())].filter(([, v]) => v > 0).map(([id, v]) => [id, round(100 * v)]),
          );
          const shares = new Map(Object.entries(geo.shares).map(([id, share]) => [id, share / 100]));
          const deviation = distance(answers, shares);
          if (deviation <= kit.tolerance) continue;
          const form = closest?.get(service.service)?.get(geo.geo);
          // The closest form answers nothing there (e.g. no target of the type), and neither does the provider.
          const bothSilent = closest !== undefined && form === undefined && answers === undefined;
          if (
            bothSilent ||
            (form !== undefined && distance(form, shares) > kit.tolerance && distance(answers, form) <= kit.tolerance)
          ) {
            degraded++;
            continue;
          }
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
        degraded,
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
          const closest =
            r.degraded === 0 ? '' : `; ${r.degraded} of them as the closest form the provider can hold (degraded)`;
          lines.push(
            `${s.green('✓')} ${r.provider}: ${r.checked} geographies answer as planned (within ${r.tolerancePercent}%)${closest}`,
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

/**
 * Service → plan geography → endpoint → percent, for the geographies the provider's list lacks:
 * what the desired records give them (the fallback the plan showed), not their own split.
 */
function fallbackAnswers(
  kit: ProviderKit,
  policy: Policy,
  desired: DesiredState,
  provider: Provider,
  geoList: GeoList,
): Map<string, Map<string, Record<string, number>>> {
  const answers = kit.evaluate(desired.resources, policy, provider, geoList);
  const promised = new Map<string, Map<string, Record<string, number>>>();
  for (const { service, geo } of desired.fallbacks) {
    const distribution = answers.get(service)?.get(geo);
    if (distribution === undefined) continue;
    const byGeo = promised.get(service) ?? new Map<string, Record<string, number>>();
    byGeo.set(geo, Object.fromEntries([...distribution].map(([id, fraction]) => [id, 100 * fraction])));
    promised.set(service, byGeo);
  }
  return promised;
}

/** Largest difference of any endpoint's fraction; NODATA is 1. */
function distance(answers: ReadonlyMap<string, number> | undefined, planned: ReadonlyMap<string, number>): number {
  if (answers === undefined) return 1;
  const ids = new Set([...planned.keys(), ...answers.keys()]);
  return Math.max(0, ...[...ids].map((id) => Math.abs((planned.get(id) ?? 0) - (answers.get(id) ?? 0))));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
