import { TrafficportError } from '../errors.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { didYouMean } from '../policy/suggest.js';
import type { Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import { describeHolder, parseHolder } from '../publish/lease-holder.js';
import { adapterOptions, publishingProviders } from '../publish/prepare.js';

export interface UnlockFlags {
  readonly zone?: string;
  readonly provider?: readonly string[];
  readonly yes?: boolean;
  readonly stateDir?: string;
  readonly sendCredentialsToEndpoint?: boolean;
}

interface Broken {
  readonly provider: string;
  readonly zone: string;
  readonly holder: string;
  readonly status: 'removed' | 'changed meanwhile' | 'not held';
}

/**
 * `unlock POLICY`: breaks the zone leases (docs/locking.md) of the policy's providers, after a
 * confirmation: for a holder that died without releasing them (a killed CI job on another
 * machine), sooner than their expiry. Removal is conditional on the lease being unchanged, so a
 * lease renewed or taken over meanwhile is left alone and reported.
 */
export async function runUnlock(policyFile: string, flags: UnlockFlags, io: CliIo): Promise<CommandResult> {
  if (!flags.yes && io.confirm === undefined) {
    throw new TrafficportError(
      'USAGE.NEEDS_YES',
      'unlock asks before it breaks a lease, and there is no terminal to ask',
      {
        hint: 'make sure the holder is dead (its process, its CI job), then pass --yes',
      },
    );
  }
  const { policy } = await loadPolicyFile(policyFile, io);
  const providers = selectZone(publishingProviders(policy, flags.provider), flags.zone);
  const options = adapterOptions(io, flags);
  const results: Broken[] = [];
  for (const provider of providers) {
    const lease = (await (await loadProviderKit(provider.type)).createAdapter(provider, options)).lease;
    const record = await lease?.read();
    if (lease === undefined || record === undefined) {
      results.push({ provider: provider.id, zone: provider.zone, holder: '', status: 'not held' });
      continue;
    }
    const holder = parseHolder(record.text);
    const who = holder === undefined ? `an unreadable lease ('${record.text.slice(0, 80)}')` : describeHolder(holder);
    const yes =
      flags.yes === true ||
      (await io.confirm!(`${provider.id}: zone ${provider.zone} is locked by ${who}. Break this lease?`));
    if (!yes) throw new TrafficportError('APPLY.CANCELLED', 'unlock cancelled; no lease was broken');
    const removed = await lease.remove(record);
    results.push({
      provider: provider.id,
      zone: provider.zone,
      holder: who,
      status: removed ? 'removed' : 'changed meanwhile',
    });
  }
  return {
    exitCode: results.some((r) => r.status === 'changed meanwhile') ? ExitCode.ERROR : ExitCode.OK,
    json: () => ({ version: 1, leases: results }),
    human: () =>
      results
        .map((r) =>
          r.status === 'not held'
            ? `${r.provider}: zone ${r.zone} is not locked\n`
            : r.status === 'removed'
              ? `${r.provider}: broke the lease of zone ${r.zone} (${r.holder})\n`
              : `${r.provider}: the lease of zone ${r.zone} changed meanwhile and was left alone; run unlock again to see who holds it now\n`,
        )
        .join(''),
  };
}

function selectZone(providers: readonly Provider[], zone: string | undefined): readonly Provider[] {
  if (zone === undefined) return providers;
  const wanted = zone.toLowerCase().replace(/\.$/, '');
  const chosen = providers.filter((p) => p.zone.toLowerCase().replace(/\.$/, '') === wanted);
  if (chosen.length === 0) {
    const zones = [...new Set(providers.map((p) => p.zone))];
    throw new TrafficportError('USAGE.UNKNOWN_NAME', `--zone: the policy publishes to no zone '${zone}'`, {
      hint: didYouMean(zone, zones) ?? `its zones: ${zones.join(', ')}`,
    });
  }
  return chosen;
}
