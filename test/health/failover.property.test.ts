import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import { diffResources } from '../../src/plan/diff.js';
import type { Endpoint, Policy, Route53Provider } from '../../src/policy/types.js';
import { Route53Adapter } from '../../src/providers/route53/adapter.js';
import { createRoute53Backend, type Route53MockBackend } from '../../src/providers/route53/mock/index.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { forbiddenFor } from '../../src/render/route53-failover.js';
import { evaluateRoute53 } from '../../src/resolver/route53.js';
import { solve } from '../../src/solve/solve.js';
import type { ServiceSplit } from '../../src/solve/types.js';
import { inProcessClient } from '../providers/route53-mock-helpers.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/**
 * Failover never breaks sovereignty. Generated policies are published with health checks to the
 * Route 53 mock through the real SDK client; then, for every subset of endpoints down (their
 * checks set unhealthy in the mock), every served geography is asked what the mock's resolver
 * answers, and:
 * - no geography is ever answered with an endpoint its sovereignty rules forbid;
 * - no geography is answered with a down endpoint while an endpoint it may use (allowed, not
 *   drained or held down by the plan) is up;
 * - trafficport's own resolver model (verify) gives the same answer, without asking the mock.
 */

const SERVICE = 'www.example.com';

interface Published {
  readonly backend: Route53MockBackend;
  readonly policy: Policy;
  readonly split: ServiceSplit;
  readonly resources: Awaited<ReturnType<Route53Adapter['read']>>['resources'];
  readonly checkOf: ReadonlyMap<string, string>;
}

async function publish(base: Policy, at: number): Promise<Published | undefined> {
  const provider: Route53Provider = { ...(base.providers[0] as Route53Provider), healthChecks: true };
  const policy: Policy = { ...base, providers: [provider] };
  let split: ServiceSplit;
  let desired: ReturnType<typeof renderRoute53>;
  try {
    const splits = solve(policy, at);
    split = splits.services[0]!;
    desired = renderRoute53({ policy, splits, provider });
  } catch (error) {
    // A policy the solver or the renderer refuses publishes nothing: no answer to check.
    if (isTrafficportError(error)) return undefined;
    throw error;
  }
  const backend = createRoute53Backend();
  const adapter = new Route53Adapter(provider, inProcessClient(backend), { pollIntervalMs: 0, sleep: async () => {} });
  const live = await adapter.read([SERVICE]);
  await adapter.apply(diffResources(desired.resources, live.resources), live);
  const state = await backend.store.read();
  const checkOf = new Map<string, string>();
  for (const endpoint of policy.endpoints) {
    const check = Object.values(state.healthChecks).find((c) => c.config.IPAddress === endpoint.targets.a[0]);
    if (check !== undefined) checkOf.set(endpoint.id, check.id);
  }
  const resources = (await adapter.read([SERVICE])).resources;
  return { backend, policy, split, resources, checkOf };
}

/** Endpoints a geography may be answered with: allowed by sovereignty, not drained or held down by the plan. */
function usable(policy: Policy, split: ServiceSplit, geo: string): Set<string> {
  const geography = split.geographies.find((g) => g.geo === geo)!;
  const held = new Set(
    geography.reasons.flatMap((r) => (r.kind === 'down' || r.kind === 'maintenance' ? [r.endpoint] : [])),
  );
  const byId = new Map(policy.endpoints.map((e) => [e.id, e]));
  const forbidden = forbiddenFor(policy, geo, byId);
  return new Set(policy.endpoints.map((e) => e.id).filter((id) => !held.has(id) && !forbidden.has(id)));
}

function endpointOfIp(endpoints: readonly Endpoint[], ip: string): string {
  return endpoints.find((e) => e.targets.a.includes(ip))?.id ?? `?${ip}`;
}

function subsets(ids: readonly string[]): string[][] {
  return Array.from({ length: 2 ** ids.length }, (_, mask) => ids.filter((_, i) => (mask >> i) & 1));
}

describe('failover keeps sovereignty in every health state', { timeout: 600_000 }, () => {
  it('answers no sovereign geography outside its rule, and no dead endpoint while a usable one lives', async () => {
    let checked = 0;
    let sovereignChecked = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, momentArb, async (base, at) => {
        const published = await publish(base, at);
        if (published === undefined) return;
        const { backend, policy, split, resources, checkOf } = published;
        const byId = new Map(policy.endpoints.map((e) => [e.id, e]));
        const ids = policy.endpoints.map((e) => e.id);
        // Every subset up to 32 of them; beyond that a fixed sample (always all-down and each one alone).
        const all = subsets(ids);
        const states =
          all.length <= 32 ? all : all.filter((_, i) => i % Math.ceil(all.length / 32) === 0 || i === all.length - 1);
        const served = split.geographies.filter((g) => Object.values(g.shares).some((s) => s > 0)).map((g) => g.geo);
        for (const down of states) {
          const downSet = new Set(down);
          for (const [id, check] of checkOf) await backend.setHealthCheckStatus(check, !downSet.has(id));
          const model = new Map(
            evaluateRoute53(resources, SERVICE, served, policy.endpoints, downSet)
              .filter((a) => a.type === 'A')
              .map((a) => [a.geo, a.distribution]),
          );
          for (const geo of served) {
            const location = geo === '*' ? undefined : geo;
            const answer = await backend.answerDistribution({
              name: SERVICE,
              type: 'A',
              ...(location ? { location } : {}),
            });
            const shares: Record<string, number> = {};
            for (const outcome of answer.outcomes) {
              const id = endpointOfIp(policy.endpoints, outcome.recordData[0] ?? '');
              shares[id] = (shares[id] ?? 0) + outcome.share;
            }
            const answered = Object.keys(shares).filter((id) => (shares[id] ?? 0) > 1e-9);
            const forbidden = forbiddenFor(policy, geo, byId);
            if (forbidden.size > 0) sovereignChecked++;
            const where = `${geo} with ${JSON.stringify(down)} down: answered ${JSON.stringify(shares)}`;
            expect(
              answered.filter((id) => forbidden.has(id)),
              where,
            ).toEqual([]);
            const live = [...usable(policy, split, geo)].filter((id) => !downSet.has(id));
            if (live.length > 0)
              expect(
                answered.filter((id) => downSet.has(id)),
                `${where}; ${live} live`,
              ).toEqual([]);
            const modelled = model.get(geo) ?? {};
            for (const id of new Set([...answered, ...Object.keys(modelled)])) {
              expect(modelled[id] ?? 0, `verify's model at ${where}`).toBeCloseTo(shares[id] ?? 0, 9);
            }
            checked++;
          }
        }
      }),
      { numRuns: 12, seed: 13, endOnFailure: true },
    );
    // Enough answers were checked, sovereign ones among them, for the property to mean something.
    expect(checked).toBeGreaterThan(1000);
    expect(sovereignChecked).toBeGreaterThan(100);
  });
});
