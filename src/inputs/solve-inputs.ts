import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { ErrorCode } from '../error-codes.js';
import { type Diagnostic, TrafficportError } from '../errors.js';
import { type CliIo, warnInput } from '../io/io.js';
import { readInputFile } from '../io/read-input.js';
import { MAX_POLICY_BYTES } from '../policy/source.js';
import { didYouMean } from '../policy/suggest.js';
import type { Policy } from '../policy/types.js';
import type { SolveOptions } from '../solve/solve.js';
import type { Overrides } from '../solve/types.js';
import { parseHealthFile } from './health-file.js';
import { parseLatencyCsv } from './latency-csv.js';
import { parseMoment } from './moment.js';
import { loadPolicyFile } from './policy-file.js';

/** The what-if and input flags shared by splits, explain, timeline and plan. */
export interface SolveFlags {
  readonly at?: string;
  readonly down?: readonly string[];
  readonly downRegion?: readonly string[];
  readonly downCloud?: readonly string[];
  readonly health?: string;
  readonly latency?: string;
}

export interface SolveInputs {
  readonly policy: Policy;
  readonly policyText: string;
  /** The policy's warnings (what `validate` warns about), already said through `io.warn`. */
  readonly warnings: readonly Diagnostic[];
  readonly at: number;
  readonly options: SolveOptions;
  /**
   * The latency file read (`--latency FILE` as given, or the policy's `latencyFile` as the policy
   * names it, `from: 'policy'`) and the SHA-256 of what was read, for saved plans.
   */
  readonly latency?: { readonly file: string; readonly sha256: string; readonly from?: 'policy' };
}

/** `--health provider`: reads the providers' health for the policy (given by commands that may reach them). */
export type ProviderHealthReader = (policy: Policy) => Promise<readonly string[]>;

/** The `--health` value (and `health:` policy setting) that reads the providers' own checks. */
export const PROVIDER_HEALTH = 'provider';

export async function loadSolveInputs(
  file: string,
  flags: SolveFlags,
  io: CliIo,
  readProviderHealth?: ProviderHealthReader,
): Promise<SolveInputs> {
  const { policy, text, warnings } = await loadPolicyFile(file, io);
  // Every command that solves says what `validate` would warn about: one line each on stderr,
  // and in the --json document's `warnings` (the run's collector says each once).
  for (const { code, message, location } of warnings) warnInput(io, { code, message, location });
  const at = parseMoment(flags.at ?? 'now', io.now(), '--at');
  const ids = policy.endpoints.map((e) => e.id);
  const down = [...checkNames(flags.down ?? [], ids, '--down', 'endpoint')];
  const fromProviders =
    flags.health === PROVIDER_HEALTH || (flags.health === undefined && policy.health === 'provider');
  if (fromProviders) {
    if (readProviderHealth === undefined) {
      throw new TrafficportError('USAGE.HEALTH_PROVIDER', "this command cannot read the providers' health", {
        hint: 'use --health provider with plan, apply, verify, splits, explain or report; or pass a health file',
      });
    }
    down.push(...(await readProviderHealth(policy)).filter((id) => !down.includes(id)));
  } else if (flags.health !== undefined) {
    const parsed = parseHealthFile(
      await readInputFile(flags.health, io.cwd, { what: 'health file', maxBytes: MAX_POLICY_BYTES }),
      flags.health,
      ids,
    );
    if (!parsed.ok) throw invalid('HEALTH.INVALID', flags.health, parsed.diagnostics);
    down.push(...parsed.down.filter((id) => !down.includes(id)));
  }
  const regions = [...new Set(policy.endpoints.flatMap((e) => (e.region === undefined ? [] : [e.region])))];
  const clouds = [...new Set(policy.endpoints.map((e) => e.cloud))];
  const overrides: Overrides = {
    downEndpoints: down,
    downRegions: checkNames(flags.downRegion ?? [], regions, '--down-region', 'region'),
    downClouds: checkNames(flags.downCloud ?? [], clouds, '--down-cloud', 'cloud'),
  };
  const policyLatency =
    policy.rules.geography.latencyFile && resolve(dirname(resolve(io.cwd, file)), policy.rules.geography.latencyFile);
  // The flag wins (a what-if, or fresher measurements than the policy names), and says so.
  if (flags.latency !== undefined && policyLatency && resolve(io.cwd, flags.latency) !== policyLatency) {
    warnInput(io, {
      code: 'LATENCY.OVERRIDDEN',
      message: `--latency ${flags.latency} is used instead of the policy's latencyFile ${policy.rules.geography.latencyFile}`,
    });
  }
  const latencyFile = flags.latency ?? policyLatency;
  let measuredLatency: SolveOptions['measuredLatency'];
  let latency: SolveInputs['latency'];
  if (latencyFile) {
    const text = await readInputFile(latencyFile, io.cwd, { what: 'latency file', maxBytes: MAX_POLICY_BYTES });
    const sha256 = createHash('sha256').update(text).digest('hex');
    latency =
      flags.latency !== undefined
        ? { file: flags.latency, sha256 }
        : { file: policy.rules.geography.latencyFile!, sha256, from: 'policy' };
    const parsed = parseLatencyCsv(text, latencyFile, ids);
    if (!parsed.ok) throw invalid('LATENCY.INVALID', latencyFile, parsed.diagnostics);
    measuredLatency = parsed.latency;
  }
  return {
    policy,
    policyText: text,
    warnings,
    at,
    options: { overrides, ...(measuredLatency === undefined ? {} : { measuredLatency }) },
    ...(latency === undefined ? {} : { latency }),
  };
}

function checkNames(values: readonly string[], known: readonly string[], flag: string, what: string): string[] {
  for (const value of values) {
    if (!known.includes(value)) {
      throw new TrafficportError('USAGE.UNKNOWN_NAME', `${flag}: the policy has no ${what} '${value}'`, {
        hint: didYouMean(value, known) ?? `known: ${known.join(', ')}`,
      });
    }
  }
  return [...values];
}

function invalid(code: ErrorCode, file: string, diagnostics: TrafficportError['diagnostics']): TrafficportError {
  return new TrafficportError(code, `${file} has ${diagnostics.length} error(s)`, { diagnostics, location: { file } });
}
