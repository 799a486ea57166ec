import { describe, expect, it } from 'vitest';
import { AZURE_DOCUMENTED_GEO_LIST } from '../../src/geo/provider-lists/azure-hierarchy.js';
import { makeGeoList } from '../../src/geo/provider-lists/geo-list.js';
import { ROUTE53_DOCUMENTED_GEO_LIST } from '../../src/geo/provider-lists/route53-locations.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { azureKit } from '../../src/providers/azure/kit.js';
import { route53Kit } from '../../src/providers/route53/kit.js';
import { renderAzure } from '../../src/render/azure.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { solve } from '../../src/solve/solve.js';

/**
 * A plan geography the provider's own list lacks gets no record: its users are answered by a
 * less specific record, the plan says which, and a fallback that would cross a sovereignty rule
 * fails the plan. The oracle for "which record answers" is the resolver evaluation of the
 * rendered records (verify's code path), not the renderer's own bookkeeping.
 */

const AT = Date.parse('2026-06-01T00:00:00Z');

function load(text: string): Policy {
  const loaded = loadPolicy(text, 'inline.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.policy;
}

/** Route 53's documented list without Kosovo, as a provider that does not list XK would serve it. */
const WITHOUT_XK = makeGeoList(
  'route53',
  'test: route53 list without XK',
  ROUTE53_DOCUMENTED_GEO_LIST.entries.filter((entry) => entry.code !== 'XK'),
);

function route53Policy(kosovoRule: string): Policy {
  return load(`
version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  aws-dub: { cloud: aws, region: eu-west-1, a: [203.0.113.30] }
  aws-sin: { cloud: aws, region: ap-southeast-1, a: [203.0.113.10] }
services:
  - { name: www.example.com, ttl: 60, endpoints: [aws-fra, aws-dub, aws-sin], publish: [r53] }
rules:
  sovereignty:
    - ${kosovoRule}
`);
}

/**
 * A measured latency for the default audience that favours Singapore, so the default record and
 * Europe's differ and Europe needs a continent record.
 */
const DEFAULT_NEAR_SINGAPORE = new Map([
  [
    '*',
    new Map([
      ['aws-fra', 300],
      ['aws-dub', 300],
      ['aws-sin', 10],
    ]),
  ],
]);

/** Endpoint → fraction, from integer weights. */
function fractions(weights: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
  return Object.fromEntries(Object.entries(weights).map(([id, w]) => [id, w / total]));
}

describe('Route 53: a country the provider does not list', () => {
  it('gets no record; its users get the continent record, and the plan says so', () => {
    const policy = route53Policy('{ name: kosovo-eu, users: [XK], allow: { jurisdiction: EU } }');
    const splits = solve(policy, AT, { measuredLatency: DEFAULT_NEAR_SINGAPORE });
    const provider = policy.providers[0]!;
    const state = renderRoute53({ policy, splits, provider, geoList: WITHOUT_XK });
    expect(state.resources.some((r) => r.key.endsWith('|tp:geo:XK'))).toBe(false);
    expect(state.geography).toEqual({
      source: 'test: route53 list without XK',
      fingerprint: WITHOUT_XK.fingerprint,
      codes: 304,
    });
    const xk = state.fallbacks.filter((f) => f.geo === 'XK');
    expect(xk).toHaveLength(1);
    expect(xk[0]).toMatchObject({ service: 'www.example.com', type: 'A', answeredBy: 'continent:EU' });
    // Independent check: what a resolver in Kosovo gets from the rendered records.
    const answers = route53Kit.evaluate(state.resources, policy, provider).get('www.example.com')!;
    expect(Object.fromEntries(answers.get('XK')!)).toEqual(fractions(xk[0]!.weights));
    // ... which is what the rest of Europe without a record of its own gets from the continent record.
    expect(answers.get('XK')).toEqual(answers.get('AT'));
    expect(state.resources.some((r) => r.key.endsWith('|tp:geo:AT'))).toBe(false);
    // With the documented list (which has XK) the same policy gives XK a record or an exact answer.
    const documented = renderRoute53({ policy, splits, provider });
    expect(documented.fallbacks.map((f) => f.geo).sort()).toEqual(['BV', 'CX', 'EH', 'HM']);
  });

  it('fails the plan when the record answering those users sends them where a sovereignty rule forbids', () => {
    // Kosovo's users may only use Dublin; Europe's record sends them to Frankfurt.
    const policy = route53Policy('{ name: kosovo-dublin, users: [XK], allow: { endpoints: [aws-dub] } }');
    const splits = solve(policy, AT, { measuredLatency: DEFAULT_NEAR_SINGAPORE });
    expect(splits.services[0]!.geographies.find((g) => g.geo === 'XK')!.shares).toMatchObject({ 'aws-dub': 100 });
    const provider = policy.providers[0]!;
    let error: unknown;
    try {
      renderRoute53({ policy, splits, provider, geoList: WITHOUT_XK });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'PLAN.SOVEREIGNTY_FALLBACK' });
    const message = (error as Error).message;
    expect(message).toContain("'XK' is not in the provider's geography list");
    expect(message).toContain("the 'continent:EU' record");
    expect(message).toContain("aws-fra, forbidden for 'XK' by sovereignty rule 'kosovo-dublin'");
    // The provider that lists XK gives Kosovo a record of its own: the same plan renders.
    const listed = renderRoute53({ policy, splits, provider });
    expect(listed.resources.some((r) => r.key.endsWith('|tp:geo:XK'))).toBe(true);
  });
});

describe('Azure: a country Traffic Manager’s hierarchy does not list', () => {
  const policy = (cgRule: string) =>
    load(`
version: 1
providers:
  az: { type: azure, zone: example.com, resourceGroup: dns, subscription: 00000000-0000-0000-0000-000000000000, backend: mock }
endpoints:
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  az-zan: { cloud: azure, region: southafricanorth, a: [198.51.100.30] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [az-weu, az-zan], publish: [az] }
rules:
  sovereignty:
    - ${cgRule}
`);

  /** The endpoint WORLD's record serves, from a plan without a rule for CG. */
  const worldEndpoint = (() => {
    const p = policy('{ name: nobody, users: [AQ], deny: { clouds: [gcp] } }');
    const world = solve(p, AT).services[0]!.geographies.find((g) => g.geo === '*')!;
    const [only, ...rest] = Object.entries(world.shares).filter(([, share]) => share > 0);
    expect(rest).toEqual([]);
    return only![0];
  })();

  it('answers CG (absent from the current published hierarchy) with WORLD, and says so', () => {
    expect(AZURE_DOCUMENTED_GEO_LIST.entries.some((entry) => entry.code === 'CG')).toBe(false);
    const p = policy(`{ name: congo-local, users: [CG], allow: { endpoints: [${worldEndpoint}] } }`);
    const splits = solve(p, AT);
    const provider = p.providers[0]!;
    const state = renderAzure({ policy: p, splits, provider });
    const cg = state.fallbacks.find((f) => f.geo === 'CG');
    expect(cg).toMatchObject({ answeredBy: '*', type: 'A' });
    const answers = azureKit.evaluate(state.resources, p, provider).get('api.example.com')!;
    expect(Object.fromEntries(answers.get('CG')!)).toEqual(fractions(cg!.weights));
    expect(state.degradations.filter((d) => d.code === 'AZURE.UNMAPPABLE_GEOGRAPHY')).toEqual([]);
  });

  it('fails when WORLD would send CG users to an endpoint a rule forbids for them', () => {
    const p = policy(`{ name: congo-elsewhere, users: [CG], deny: { endpoints: [${worldEndpoint}] } }`);
    const splits = solve(p, AT);
    expect(() => renderAzure({ policy: p, splits, provider: p.providers[0]! })).toThrow(
      `'CG' is not in the provider's geography list, so api.example.com A users there are answered by the '*' record, which sends part of them to ${worldEndpoint}, forbidden for 'CG' by sovereignty rule 'congo-elsewhere'`,
    );
  });
});
