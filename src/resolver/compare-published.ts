import type { Distribution, ServiceDistributions } from '../plan/traffic.js';
import type { Endpoint, Policy } from '../policy/types.js';
import type { DesiredState, Resource } from '../render/types.js';
import type { Splits } from '../solve/types.js';

/** The record types a service name can answer for, most asked first. */
export const RECORD_TYPES = ['A', 'AAAA', 'CNAME'] as const;

/** How one provider's records are evaluated (its kit): the comparison itself knows no provider. */
export interface PublishedEvaluator {
  /** Service → plan geography → endpoint → fraction, for resolvers asking for `type`. */
  evaluate(resources: readonly Resource[], type: string): ServiceDistributions;
  /** Whether an endpoint can be among the answers of `type` (the plan's shares are renormalized over these). */
  answersWith(endpoint: Endpoint, type: string): boolean;
  /** Largest deviation from the plan that integer weights explain, as a fraction. */
  readonly tolerance: number;
}

export interface PublishedMismatch {
  readonly service: string;
  readonly type: string;
  readonly geo: string;
  /** Percent per endpoint. */
  readonly expected: Record<string, number>;
  readonly published: Record<string, number>;
  /** Largest difference of any endpoint, percentage points. */
  readonly deviation: number;
}

export interface PublishedComparison {
  /** Geographies checked, every record type counted. */
  readonly checked: number;
  /** Of those, held to the closest form a provider can publish (an accepted degradation). */
  readonly degraded: number;
  readonly types: readonly string[];
  readonly mismatches: readonly PublishedMismatch[];
}

export interface PublishedInput {
  readonly policy: Policy;
  readonly splits: Splits;
  readonly services: readonly string[];
  /** What the plan renders for the provider: its degradations and fallbacks say what it can hold. */
  readonly desired: DesiredState;
  /**
   * What the provider holds (owned resources). Pass `desired.resources` itself when they are
   * the same records: evaluated once then.
   */
  readonly live: readonly Resource[];
  /** How the desired resources are evaluated, and the live ones unless `liveEvaluator` is given. */
  readonly evaluator: PublishedEvaluator;
  /**
   * How the live side is evaluated when it is more than the owned resources (verify before
   * adoption: another tool's records answer a service trafficport does not own yet).
   */
  readonly liveEvaluator?: PublishedEvaluator;
}

/**
 * The one comparison of published records with the plan, used by `verify`, by apply's read-back
 * and by the tests: for every record type either side answers for, every service and plan
 * geography, resolvers' answers against the plan's shares renormalized over the endpoints that
 * can answer that type (an AAAA answer only holds endpoints with IPv6 addresses). A geography
 * the provider's list lacks is held to what the plan said answers it instead; one the plan
 * accepted as degraded to the closest form the provider holds. Pure.
 */
export function comparePublished(input: PublishedInput): PublishedComparison {
  const { evaluator } = input;
  const endpoints = new Map(input.policy.endpoints.map((e) => [e.id, e]));
  const mismatches: PublishedMismatch[] = [];
  let checked = 0;
  let degraded = 0;
  const types: string[] = [];
  // A geography the list lacks lacks it for every type (renderers name the type they saw it in).
  const fallbacks = new Set(input.desired.fallbacks.map((f) => `${f.service}|${f.geo}`));
  // A set, not `services.includes` per split: that was every split times every service of the
  // provider, for each provider (quadratic in the services of an estate).
  const wanted = new Set(input.services);
  const services = input.splits.services.filter((s) => wanted.has(s.service));
  for (const type of RECORD_TYPES) {
    const actual = (input.liveEvaluator ?? evaluator).evaluate(input.live, type);
    // The live records are the rendered ones (the caller found them identical, as after an apply
    // that kept every write): evaluated once, for both sides.
    const intended =
      input.live === input.desired.resources && input.liveEvaluator === undefined
        ? actual
        : evaluator.evaluate(input.desired.resources, type);
    if (!answersAnything(actual, input.services) && !answersAnything(intended, input.services)) continue;
    types.push(type);
    const exact = input.desired.degradations.length === 0;
    for (const service of services) {
      // A type neither side answers for at this service (cdn has a CNAME, api A and AAAA): nothing to hold.
      if (!answersAnything(actual, [service.service]) && !answersAnything(intended, [service.service])) continue;
      for (const planned of service.geographies) {
        checked++;
        const answers = actual.get(service.service)?.get(planned.geo);
        const form = intended.get(service.service)?.get(planned.geo);
        // A geography the provider cannot target is held to what the plan said answers it instead.
        const shares = fallbacks.has(`${service.service}|${planned.geo}`)
          ? (form ?? new Map<string, number>())
          : renormalized(planned.shares, type, endpoints, evaluator);
        // No endpoint of the plan answers this type here, and nothing was rendered: nothing to hold.
        if (shares.size === 0 && form === undefined && answers === undefined) continue;
        const deviation = distance(answers, shares);
        if (deviation <= evaluator.tolerance) continue;
        const bothSilent = !exact && form === undefined && answers === undefined;
        if (
          bothSilent ||
          (!exact &&
            form !== undefined &&
            distance(form, shares) > evaluator.tolerance &&
            distance(answers, form) <= evaluator.tolerance)
        ) {
          degraded++;
          continue;
        }
        mismatches.push({
          service: service.service,
          type,
          geo: planned.geo,
          expected: percents(shares),
          published: percents(answers ?? new Map()),
          deviation: round(100 * deviation),
        });
      }
    }
  }
  return { checked, degraded, types, mismatches };
}

function answersAnything(distributions: ServiceDistributions, services: readonly string[]): boolean {
  return services.some((service) => (distributions.get(service)?.size ?? 0) > 0);
}

/** The plan's shares (percent) as fractions over the endpoints that can answer `type`. */
function renormalized(
  shares: Readonly<Record<string, number>>,
  type: string,
  endpoints: ReadonlyMap<string, Endpoint>,
  evaluator: PublishedEvaluator,
): Distribution {
  const eligible = Object.entries(shares).filter(([id, share]) => {
    const endpoint = endpoints.get(id);
    return share > 0 && endpoint !== undefined && evaluator.answersWith(endpoint, type);
  });
  const total = eligible.reduce((sum, [, share]) => sum + share, 0);
  return new Map(total > 0 ? eligible.map(([id, share]) => [id, share / total]) : []);
}

/** Largest difference of any endpoint's fraction; NODATA is 1. */
function distance(answers: Distribution | undefined, planned: Distribution): number {
  if (answers === undefined) return planned.size === 0 ? 0 : 1;
  const ids = new Set([...planned.keys(), ...answers.keys()]);
  return Math.max(0, ...[...ids].map((id) => Math.abs((planned.get(id) ?? 0) - (answers.get(id) ?? 0))));
}

function percents(distribution: Distribution): Record<string, number> {
  return Object.fromEntries([...distribution].filter(([, v]) => v > 0).map(([id, v]) => [id, round(100 * v)]));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
