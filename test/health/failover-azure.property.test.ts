import { DnsManagementClient, getContinuationToken } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import { diffResources } from '../../src/plan/diff.js';
import type { AzureProvider, Policy } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import type { AzureMockState } from '../../src/providers/azure/mock/index.js';
import {
  createAzureMockHandler,
  createMockCredential,
  evaluateTrafficManager,
  inProcessClientOptions,
  profileId,
} from '../../src/providers/azure/mock/index.js';
import { renderAzure } from '../../src/render/azure.js';
import { geoMappingCode } from '../../src/render/azure-geo.js';
import { forbiddenFor } from '../../src/render/route53-failover.js';
import { azureDistributions } from '../../src/resolver/azure.js';
import { solve } from '../../src/solve/solve.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/**
 * Traffic Manager's failover never leaves a geography's jurisdiction: generated policies are
 * published to the Azure mock through the real SDK clients; for every subset of endpoints down
 * (their monitor status Degraded in the mock, at most 32 subsets), no geography is answered by
 * the mock's evaluation with an endpoint its sovereignty rules forbid, and verify's model (with
 * the same endpoints down) gives the mock's answer. With `failoverBackups` (half the runs), no
 * geography is answered with a down endpoint while one it may use is up (allowed by its rules,
 * not drained or held down by the plan), unless a degradation says the layout cannot give it its
 * own profile (unmappable geographies, too many splits).
 */

const SUB = '11111111-2222-3333-4444-555555555555';
const SERVICE = 'www.example.com';

function subsets(ids: readonly string[]): string[][] {
  const all = Array.from({ length: 2 ** ids.length }, (_, mask) => ids.filter((_, i) => (mask >> i) & 1));
  return all.length <= 32 ? all : all.filter((_, i) => i % Math.ceil(all.length / 32) === 0 || i === all.length - 1);
}

describe('Traffic Manager failover keeps sovereignty', { timeout: 600_000 }, () => {
  it('answers no geography outside its rule in any health state, as verify models it', async () => {
    let checked = 0;
    let deadChecked = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, momentArb, fc.boolean(), async (base, at, failoverBackups) => {
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
            failoverBackups,
            failoverBackupsExplicit: true,
          },
        };
        const policy: Policy = {
          ...base,
          providers: [provider],
          services: base.services.map((s) => ({ ...s, publish: ['az'] })),
        };
        let desired: ReturnType<typeof renderAzure>;
        let splits: ReturnType<typeof solve>;
        try {
          splits = solve(policy, at);
          desired = renderAzure({ policy, splits, provider });
        } catch (error) {
          if (isTrafficportError(error)) return;
          throw error;
        }
        const backend = createAzureMockHandler();
        const options = {
          ...inProcessClientOptions(backend),
          retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 },
        };
        const adapter = createAdapterFromClients(provider, {
          dns: new DnsManagementClient(createMockCredential(), SUB, options),
          tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
          continuationToken: getContinuationToken,
          meter: createRequestMeter(),
        });
        const live = await adapter.read([SERVICE]);
        await adapter.apply(diffResources(desired.resources, live.resources, live.retained), live);
        const read = await adapter.read([SERVICE]);
        const state0 = await backend.store.read();
        const root = rootProfileId(state0, read.resources);
        if (root === undefined) return;
        const byId = new Map(policy.endpoints.map((e) => [e.id, e]));
        const targets = new Map(policy.endpoints.map((e) => [e.targets.a[0]!, e.id]));
        const served = splits.services[0]!.geographies.filter((g) => Object.values(g.shares).some((s) => s > 0));
        // Where the layout cannot give a geography its own profile, its degradation says so.
        const unbacked = desired.degradations.some((d) =>
          ['AZURE.UNMAPPABLE_GEOGRAPHY', 'AZURE.TOO_MANY_SPLITS', 'AZURE.TOO_MANY_ENDPOINTS'].includes(d.code),
        );
        const fellBack = new Set(desired.fallbacks.map((f) => f.geo));
        const members = new Set(policy.services[0]!.endpoints);
        for (const down of subsets(policy.endpoints.map((e) => e.id))) {
          const downSet = new Set(down);
          await backend.store.update((state) => {
            for (const profile of Object.values(state.profiles)) {
              for (const endpoint of profile.endpoints) {
                if (endpoint.type.toLowerCase().includes('nested')) continue;
                const id = endpoint.name.split('.')[0]!;
                if (endpoint.properties.endpointStatus !== 'Disabled')
                  endpoint.properties.endpointMonitorStatus = downSet.has(id) ? 'Degraded' : 'Online';
              }
            }
          });
          const state = await backend.store.read();
          const model = azureDistributions(read.resources, policy, provider, undefined, undefined, downSet).get(
            SERVICE,
          );
          for (const geography of served) {
            const answer = evaluateTrafficManager(state, root, geoMappingCode(geography.geo));
            const shares = new Map<string, number>();
            if (answer.kind === 'answers') {
              for (const a of answer.answers) {
                const id = targets.get(a.target) ?? `?${a.target}`;
                shares.set(id, (shares.get(id) ?? 0) + a.share);
              }
            }
            const forbidden = forbiddenFor(policy, geography.geo, byId);
            const where = `${geography.geo} with ${JSON.stringify(down)} down: ${JSON.stringify([...shares])}`;
            expect(
              [...shares.keys()].filter((id) => forbidden.has(id)),
              where,
            ).toEqual([]);
            if (failoverBackups && !unbacked && !fellBack.has(geography.geo)) {
              const held = new Set(
                geography.reasons.flatMap((r) => (r.kind === 'down' || r.kind === 'maintenance' ? [r.endpoint] : [])),
              );
              const liveUsable = [...members].filter((id) => !forbidden.has(id) && !held.has(id) && !downSet.has(id));
              if (liveUsable.length > 0) {
                expect(
                  [...shares].filter(([id, share]) => downSet.has(id) && share > 1e-9),
                  `dead endpoint while ${JSON.stringify(liveUsable)} is up: ${where}`,
                ).toEqual([]);
                deadChecked++;
              }
            }
            const modelled = model?.get(geography.geo) ?? new Map<string, number>();
            for (const id of new Set([...shares.keys(), ...modelled.keys()])) {
              expect(modelled.get(id) ?? 0, `verify's model at ${where}`).toBeCloseTo(shares.get(id) ?? 0, 9);
            }
            checked++;
          }
        }
      }),
      { numRuns: 12, seed: 13, endOnFailure: true },
    );
    expect(checked).toBeGreaterThan(500);
    expect(deadChecked).toBeGreaterThan(100);
  });
});

/** The profile the A record set at the service name leads to (alias target, or CNAME to its DNS name). */
function rootProfileId(
  state: AzureMockState,
  resources: readonly { key: string; body: unknown }[],
): string | undefined {
  const set = resources.find((r) => r.key === 'azure.recordset|www|A' || r.key === 'azure.recordset|www|CNAME');
  const body = set?.body as { targetResource?: { id: string }; CNAMERecord?: { cname: string } } | undefined;
  if (body?.targetResource !== undefined) return body.targetResource.id;
  const relative = body?.CNAMERecord?.cname.replace(/\.trafficmanager\.net\.?$/, '');
  for (const profile of Object.values(state.profiles)) {
    const dns = profile.properties.dnsConfig as { relativeName?: string } | undefined;
    if (dns?.relativeName === relative) return profileId(profile);
  }
  return undefined;
}
