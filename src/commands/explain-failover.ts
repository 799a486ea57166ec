import { isTrafficportError } from '../errors.js';
import type { Policy } from '../policy/types.js';
import { renderAzure } from '../render/azure.js';
import { renderRoute53 } from '../render/route53.js';
import { forbiddenFor } from '../render/route53-failover.js';
import { azureDistributions } from '../resolver/azure.js';
import { route53Distributions } from '../resolver/route53-distributions.js';
import type { Splits } from '../solve/types.js';

/**
 * For `explain`: what a geography's users get from each provider when every endpoint they may use
 * (allowed by sovereignty, not drained or held down) is down at once, before any re-plan. Worked
 * out by rendering the plan and evaluating it with those endpoints down, as the provider's own
 * failover answers (docs/failover.md), not narrated.
 */
export interface AllDownAnswer {
  readonly service: string;
  readonly provider: string;
  /** The endpoints taken down: everything the geography may use. */
  readonly down: readonly string[];
  /** Endpoint → percent of answers; empty when nothing answers. */
  readonly answers: Readonly<Record<string, number>>;
  /** Whether every answer stays inside the geography's sovereignty rules. */
  readonly inside: boolean;
  /** Whether the provider watches the endpoints at all (Route 53 needs `healthChecks: true`). */
  readonly monitored: boolean;
}

const KITS = {
  route53: { render: renderRoute53, evaluate: route53Distributions },
  azure: { render: renderAzure, evaluate: azureDistributions },
} as const;

export function allDownAnswers(
  policy: Policy,
  splits: Splits,
  geo: string,
  services: readonly string[],
): AllDownAnswer[] {
  const out: AllDownAnswer[] = [];
  const endpoints = new Map(policy.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  for (const provider of policy.providers) {
    const mine = policy.services.filter((s) => s.publish.includes(provider.id) && services.includes(s.name));
    if (mine.length === 0) continue;
    // The pure renderers and evaluators, not the provider kits: explain never loads a cloud SDK.
    const kit = KITS[provider.type];
    let resources: ReturnType<typeof kit.render>['resources'];
    try {
      resources = kit.render({ policy, splits, provider }).resources;
    } catch (error) {
      if (isTrafficportError(error)) continue; // The plan says why it cannot be published.
      throw error;
    }
    for (const service of mine) {
      const geography = splits.services.find((s) => s.service === service.name)?.geographies.find((g) => g.geo === geo);
      if (geography === undefined) continue;
      const own = new Map([...endpoints].filter(([id]) => service.endpoints.includes(id)));
      const forbidden = forbiddenFor(policy, geo, own);
      const held = new Set(
        geography.reasons.flatMap((r) => (r.kind === 'down' || r.kind === 'maintenance' ? [r.endpoint] : [])),
      );
      const down = [...own.keys()].filter((id) => !forbidden.has(id) && !held.has(id));
      const answer = kit
        .evaluate(resources, policy, provider, undefined, undefined, new Set(down))
        .get(service.name)
        ?.get(geo);
      const answers = Object.fromEntries(
        [...(answer ?? new Map<string, number>())]
          .filter(([, f]) => f > 0)
          .map(([id, f]) => [id, Math.round(f * 1000) / 10]),
      );
      out.push({
        service: service.name,
        provider: provider.id,
        down,
        answers,
        inside: Object.keys(answers).every((id) => !forbidden.has(id)),
        monitored: provider.type === 'azure' || provider.healthChecks,
      });
    }
  }
  return out;
}

/** One line per provider: what the users get, and why. */
export function describeAllDown(answer: AllDownAnswer): string {
  const given = Object.entries(answer.answers)
    .map(([id, percent]) => `${id} ${percent}%`)
    .join(', ');
  if (!answer.monitored) {
    return `${answer.provider}: creates no health checks, so its answers do not change when endpoints fail (${given}) until a plan with --down or --health drains them; set healthChecks: true`;
  }
  const where = answer.inside
    ? 'fails closed inside its sovereignty rules'
    : 'is answered OUTSIDE its sovereignty rules';
  return `${answer.provider}: with ${answer.down.join(', ')} all down it ${where}: ${given || 'no answer'}`;
}
