import { TrafficportError } from '../errors.js';
import type { SolveInputs } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import type { Policy } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import { adapterOptions, type PublishFlags, publishingProviders, servicesOf } from '../publish/prepare.js';
import { checkFailover, type FailoverFinding } from '../resolver/failover.js';
import { solve } from '../solve/solve.js';
import { NO_OVERRIDES, type Overrides } from '../solve/types.js';
import { styles } from '../ui/text/colors.js';

/**
 * `verify --down ID…`: what users get from what is published now if those endpoints fail, with
 * no trafficport run in between (the providers' own failover: Route 53 health checks, Traffic
 * Manager monitoring). The published records are evaluated with the endpoints down and held to
 * the failover promise against the plan without them down. Exit 1 if any geography would be
 * answered outside its sovereignty rule.
 */
export async function verifyFailover(
  file: string,
  inputs: SolveInputs,
  flags: PublishFlags,
  io: CliIo,
): Promise<CommandResult> {
  const { policy } = inputs;
  const down = downEndpoints(policy, inputs.options.overrides ?? NO_OVERRIDES);
  const split = solve(policy, inputs.at, { ...inputs.options, overrides: NO_OVERRIDES });
  const providers = publishingProviders(policy, flags.provider);
  if (providers.length === 0)
    throw new TrafficportError('USAGE.NO_PROVIDER', 'no provider to verify', { hint: 'check --provider' });
  const options = adapterOptions(io, flags);
  const results = await Promise.all(
    providers.map(async (provider) => {
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, options);
      const geoList = await adapter.geoList();
      const live = await adapter.read(servicesOf(policy, provider));
      const answers = kit.evaluate(live.resources, policy, provider, geoList, undefined, down);
      return { provider: provider.id, type: provider.type, ...checkFailover(policy, split, answers, down) };
    }),
  );
  const ok = results.every((r) => r.outside.length === 0);
  return {
    exitCode: ok ? ExitCode.OK : ExitCode.ERROR,
    json: () => ({ version: 1, at: split.at, mode: 'failover', down: [...down], ok, providers: results }),
    human: ({ color }) => {
      const s = styles(color);
      const lines = [
        `${s.bold('verify')} ${file} at ${split.at} with ${[...down].join(', ')} down (published records, no re-plan)`,
      ];
      for (const r of results) {
        const mark = r.outside.length > 0 ? s.red('✗') : s.green('✓');
        lines.push(
          `${mark} ${r.provider}: ${r.checked} geographies; ${r.outside.length} answered outside their sovereignty rule, ${r.dead.length} with a down endpoint while a usable one is up, ${r.closed.length} fail closed (everything they may use is down)`,
        );
        for (const [label, list] of [
          ['outside their rule', r.outside],
          ['down endpoint answered', r.dead],
          ['fail closed', r.closed],
        ] as const) {
          for (const finding of list.slice(0, 5)) lines.push(`  ${label}: ${describe(finding)}`);
          if (list.length > 5) lines.push(s.dim(`  … ${list.length - 5} more ${label}`));
        }
      }
      lines.push('', 'run trafficport plan with the same --down (or --health provider) to drain them properly');
      return `${lines.join('\n')}\n`;
    },
  };
}

function describe(finding: FailoverFinding): string {
  const answers = Object.entries(finding.answers)
    .map(([id, percent]) => `${id} ${percent}%`)
    .join(', ');
  return `${finding.service} ${finding.geo} → ${answers}`;
}

/** The endpoints the what-if flags name: by id, region or cloud. */
function downEndpoints(policy: Policy, overrides: Overrides): Set<string> {
  return new Set(
    policy.endpoints
      .filter(
        (e) =>
          overrides.downEndpoints.includes(e.id) ||
          (e.region !== undefined && overrides.downRegions.includes(e.region)) ||
          overrides.downClouds.includes(e.cloud),
      )
      .map((e) => e.id),
  );
}
