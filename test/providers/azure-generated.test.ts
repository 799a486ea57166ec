/**
 * What Azure accepts, on every example and a few hundred generated policies: published to the
 * Azure mock with its strict rules (the A/AAAA alias rule, profile quota, endpoint limits) through
 * the real SDK clients, in process and over `mock serve`'s loopback HTTPS; re-planned to no
 * changes; verified.
 *
 * Generated policies come from the solver's generator (test/support/policy-arb.ts), published at
 * the zone apex or below it, with A, AAAA, dual-stack or CNAME endpoints, at two moments (so
 * maintenance windows move splits and shared profiles come and go).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient, getContinuationToken } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { isTrafficportError } from '../../src/errors.js';
import { diffResources } from '../../src/plan/diff.js';
import type { AzureProvider, Endpoint, Policy } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import {
  type AzureMockBackend,
  createAzureMockHandler,
  createMockCredential,
  inProcessClientOptions,
  startAzureMock,
} from '../../src/providers/azure/mock/index.js';
import { renderAzure } from '../../src/render/azure.js';
import { AZURE_TOLERANCE, azureDistributions } from '../../src/resolver/azure.js';
import { solve } from '../../src/solve/solve.js';
import { runs } from '../support/depth.js';
import { momentArb, policyArb } from '../support/policy-arb.js';
import { runCli } from '../support/run-cli.js';

const SUB = '11111111-2222-3333-4444-555555555555';
const tally = {
  policies: 0,
  served: 0,
  applies: 0,
  degraded: 0,
  refused: 0,
  apex: 0,
  families: new Map<string, number>(),
};

afterAll(() => {
  console.log(
    `[azure] generated: ${tally.policies} policies (${tally.served} over loopback HTTPS, ${tally.apex} at the apex; ` +
      `${[...tally.families].map(([f, n]) => `${f} ${n}`).join(', ')}), ${tally.applies} applies, ` +
      `${tally.degraded} with accepted degradations, ${tally.refused} refused by the solver`,
  );
});

// ---------------------------------------------------------------------------------------------
// Every example, with an Azure provider added where it has none, through the command tree
// ---------------------------------------------------------------------------------------------

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml'));

/** The example with every service published to an Azure mock provider too. */
function withAzure(text: string): string {
  const doc = parse(text) as {
    providers: Record<string, { type: string; zone: string }>;
    services: { publish: string[] }[];
  };
  if (!Object.values(doc.providers).some((p) => p.type === 'azure')) {
    const zone = Object.values(doc.providers)[0]!.zone;
    doc.providers.az = {
      type: 'azure',
      zone,
      subscription: SUB,
      resourceGroup: 'dns-rg',
      backend: 'mock',
      trafficManager: { resourceGroup: 'tm-rg' },
    } as never;
    for (const service of doc.services) service.publish = [...service.publish, 'az'];
  }
  return stringify(doc);
}

describe('every example on the Azure mock (strict rules), through the command tree', () => {
  for (const file of EXAMPLES) {
    it(`${file}: apply, re-plan to no changes, verify — in process and over loopback HTTPS`, async () => {
      const text = withAzure(readFileSync(join('examples', file), 'utf8'));
      for (const served of [false, true]) {
        const dir = mkdtempSync(join(tmpdir(), 'tp-az-example-'));
        writeFileSync(join(dir, 'policy.yaml'), text);
        const server = served ? await startAzureMock({ port: 0 }) : undefined;
        try {
          const env: Record<string, string> = {};
          if (server !== undefined) {
            writeFileSync(join(dir, 'ca.pem'), server.ca);
            Object.assign(env, { TRAFFICPORT_AZURE_ENDPOINT: server.url, TRAFFICPORT_AZURE_CA: join(dir, 'ca.pem') });
          }
          for (const at of ['2026-12-01T00:00Z', '2026-12-06T03:00Z']) {
            const run = (...args: string[]) => runCli([...args, '--at', at], { cwd: dir, env });
            const applied = await run('apply', 'policy.yaml', '--auto-approve', '--force', '--accept-degraded');
            expect(applied.code, applied.stderr).toBe(0);
            const again = await run('plan', 'policy.yaml', '--detailed-exitcode');
            expect(again.code, again.stdout).toBe(0);
            const verified = await run('verify', 'policy.yaml');
            expect(verified.code, verified.stdout).toBe(0);
            expect(verified.stdout).toMatch(/✓ (az|azdns): \d+ geographies answer as planned/);
          }
          if (server !== undefined) expect(server.backend.stats().calls.Profiles_CreateOrUpdate).toBeGreaterThan(0);
        } finally {
          await server?.close();
        }
      }
    }, 600_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Generated policies through the adapter
// ---------------------------------------------------------------------------------------------

type Family = 'A' | 'AAAA' | 'dual' | 'CNAME';

function targets(family: Family, i: number): Endpoint['targets'] {
  switch (family) {
    case 'A':
      return { a: [`192.0.2.${i + 1}`], aaaa: [] };
    case 'AAAA':
      return { a: [], aaaa: [`2001:db8::${i + 1}`] };
    case 'dual':
      // One endpoint in three has two IPv4 addresses.
      return {
        a: i % 3 === 0 ? [`192.0.2.${i + 1}`, `198.51.100.${i + 1}`] : [`192.0.2.${i + 1}`],
        aaaa: [`2001:db8::${i + 1}`],
      };
    case 'CNAME':
      return { a: [], aaaa: [], cname: `e${i}.example.net` };
  }
}

function onAzure(policy: Policy, family: Family, apex: boolean): { policy: Policy; provider: AzureProvider } {
  const provider: AzureProvider = {
    id: 'az',
    type: 'azure',
    zone: 'example.com',
    subscription: SUB,
    resourceGroup: 'dns-rg',
    backend: 'mock',
    trafficManager: {
      resourceGroup: 'tm-rg',
      profilePrefix: 'tp',
      profileQuota: 200,
      failoverBackups: false,
      failoverBackupsExplicit: true,
    },
  };
  return {
    provider,
    policy: {
      ...policy,
      providers: [provider],
      endpoints: policy.endpoints.map((e, i) => ({ ...e, targets: targets(family, i) })),
      services: policy.services.map((s) => ({ ...s, name: apex ? 'example.com' : 'www.example.com', publish: ['az'] })),
    },
  };
}

async function adapterOn(backend: AzureMockBackend | { clientOptions(): object }, provider: AzureProvider) {
  const transport = 'handle' in backend ? inProcessClientOptions(backend) : backend.clientOptions();
  const options = { ...transport, retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 } };
  return createAdapterFromClients(provider, {
    dns: new DnsManagementClient(createMockCredential(), SUB, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
    continuationToken: getContinuationToken,
    meter: createRequestMeter(),
  });
}

/** Publishes the plan at `at`, then checks: nothing left to change, live answers as desired, desired as planned. */
async function publishAndCheck(
  adapter: Awaited<ReturnType<typeof adapterOn>>,
  policy: Policy,
  provider: AzureProvider,
  at: number,
): Promise<boolean> {
  let splits: ReturnType<typeof solve>;
  try {
    splits = solve(policy, at);
  } catch (error) {
    // Generated rules may be unservable: the solver refuses those with a coded error, as it must.
    if (isTrafficportError(error)) {
      tally.refused++;
      return false;
    }
    throw error;
  }
  const desired = renderAzure({ policy, splits, provider });
  const live = await adapter.read(['www.example.com', 'example.com']);
  await adapter.apply(diffResources(desired.resources, live.resources, live.retained), live);
  tally.applies++;
  const after = await adapter.read(['www.example.com', 'example.com']);
  expect(diffResources(desired.resources, after.resources, after.retained)).toEqual([]);
  // Only what the plan needs is left: no orphan profile, no second record set.
  expect(after.resources.map((r) => r.key)).toEqual(desired.resources.map((r) => r.key));
  const service = policy.services[0]!.name;
  const liveAnswers = azureDistributions(after.resources, policy, provider).get(service)!;
  const desiredAnswers = azureDistributions(desired.resources, policy, provider).get(service)!;
  const split = splits.services[0]!;
  const degraded = desired.degradations.length > 0;
  if (degraded) tally.degraded++;
  // Geographies the provider's list lacks are answered by a wider record, as the plan shows.
  // (verify evaluates the first record type published: A, else AAAA, else CNAME)
  const firstType = desired.published[0]?.types[0];
  const fallbacks = new Map(desired.fallbacks.filter((f) => f.type === firstType).map((f) => [f.geo, f]));
  for (const geo of split.geographies) {
    const answer = liveAnswers.get(geo.geo);
    expect(sameDistribution(answer, desiredAnswers.get(geo.geo)), `${service} ${geo.geo}`).toBe(true);
    const fallback = fallbacks.get(geo.geo);
    if (fallback !== undefined) {
      const total = Object.values(fallback.weights).reduce((sum, w) => sum + w, 0);
      const promised = new Map(Object.entries(fallback.weights).map(([id, w]) => [id, w / total]));
      expect(sameDistribution(answer, total === 0 ? undefined : promised), `${service} ${geo.geo} fallback`).toBe(true);
      continue;
    }
    if (answer === undefined) {
      expect(degraded, `${service} ${geo.geo} gets no answer, and nothing says why`).toBe(true);
      continue;
    }
    for (const [id, fraction] of answer) {
      // Whatever Azure could not hold, no user is ever sent where the plan gives nothing.
      if (fraction > 0) expect(geo.shares[id] ?? 0, `${service} ${geo.geo} → ${id}`).toBeGreaterThan(0);
    }
    if (!degraded) {
      for (const id of new Set([...Object.keys(geo.shares), ...answer.keys()]))
        expect(Math.abs((geo.shares[id] ?? 0) / 100 - (answer.get(id) ?? 0))).toBeLessThanOrEqual(AZURE_TOLERANCE);
    }
  }
  return true;
}

function sameDistribution(a: ReadonlyMap<string, number> | undefined, b: ReadonlyMap<string, number> | undefined) {
  if (a === undefined || b === undefined) return a === b;
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].every((id) => Math.abs((a.get(id) ?? 0) - (b.get(id) ?? 0)) < 1e-9);
}

const caseArb = fc.record({
  policy: policyArb,
  family: fc.constantFrom<Family>('A', 'AAAA', 'dual', 'CNAME'),
  apex: fc.boolean(),
  first: momentArb,
  second: momentArb,
});

function count(family: Family, apex: boolean): void {
  tally.policies++;
  if (apex) tally.apex++;
  tally.families.set(family, (tally.families.get(family) ?? 0) + 1);
}

/** 250 and 30 policies in the deep tier, a quarter (at least 10) in the standard one (test/support/depth.ts). */
const RUNS = runs(250);
const SERVED_RUNS = runs(30);

describe('generated policies on the Azure mock (strict rules)', () => {
  it(`in process: every policy publishes, re-plans to no changes and answers as published, at two moments (${RUNS} policies)`, async () => {
    let published = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ policy: base, family, apex, first, second }) => {
        const { policy, provider } = onAzure(base, family, apex);
        count(family, apex);
        const adapter = await adapterOn(createAzureMockHandler(), provider);
        if (await publishAndCheck(adapter, policy, provider, first)) published++;
        if (await publishAndCheck(adapter, policy, provider, second)) published++;
      }),
      { numRuns: RUNS, seed: 20261212 },
    );
    // Moments the solver refuses (unservable generated rules) are skipped: enough must remain
    // (300 of the 500 publishes of 250 policies).
    expect(published).toBeGreaterThanOrEqual(Math.round(RUNS * 1.2));
  }, 600_000);

  it(`over loopback HTTPS (mock serve): the same, through the SDK’s Node HTTP client (${SERVED_RUNS} policies)`, async () => {
    let published = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ policy: base, family, apex, first, second }) => {
        const { policy, provider } = onAzure(base, family, apex);
        count(family, apex);
        tally.served++;
        const server = await startAzureMock({ port: 0 });
        try {
          const adapter = await adapterOn(server, provider);
          if (await publishAndCheck(adapter, policy, provider, first)) published++;
          if (await publishAndCheck(adapter, policy, provider, second)) published++;
        } finally {
          await server.close();
        }
      }),
      { numRuns: SERVED_RUNS, seed: 20261213 },
    );
    expect(published).toBeGreaterThanOrEqual(SERVED_RUNS);
  }, 600_000);
});
