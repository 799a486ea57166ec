import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Distribution, ServiceDistributions } from '../plan/traffic.js';
import type { Policy, Provider } from '../policy/types.js';
import { azureGeography } from '../render/azure-geo.js';
import type { AzureRecordType } from '../render/azure-names.js';
import type { Resource } from '../render/types.js';
import { listGeographies } from '../solve/geographies.js';
import type { Splits } from '../solve/types.js';
import { AzureResources, endpointIdentifier } from './azure-evaluate.js';

/**
 * Compares what Azure answers (evaluated from owned resources, see azure-evaluate.ts) with the
 * plan, per service, record type and plan geography.
 *
 * Tolerance: Traffic Manager weights are integers 1–1000 and `integerWeights` picks the total (up
 * to 1000 / largest share) with the least worst-case error, so a published fraction differs from
 * the planned one by well under 1/1000 per target in practice (the worst seen over random share
 * vectors of 2–64 targets is 0.0012). AZURE_TOLERANCE allows 0.005 (half a percentage point)
 * per endpoint: rounding never comes near it, while any real difference (a stale split, a wrong
 * mapping, a drain not published) is at least a few points.
 */
export const AZURE_TOLERANCE = 0.005;

export interface AzureGeographyCheck {
  readonly service: string;
  readonly type: AzureRecordType;
  /** Plan geography id (`*`, `DE`, `US-CA`). */
  readonly geo: string;
  /** Endpoint → fraction of answers; absent when Azure answers NODATA. */
  readonly answers?: Readonly<Record<string, number>>;
  readonly nodata?: string;
  /** Largest |answered − planned| over endpoints, as a fraction (1 for NODATA). */
  readonly deviation: number;
  readonly ok: boolean;
}

export interface AzureVerifyReport {
  readonly ok: boolean;
  readonly tolerance: number;
  readonly checks: readonly AzureGeographyCheck[];
}

export interface AzureVerifyInput {
  readonly resources: readonly Resource[];
  readonly splits: Splits;
  readonly provider: Provider;
  /** Services to check (default: every service of the plan that has a record set in `resources`). */
  readonly services?: readonly string[];
  /** Traffic Manager's geographic hierarchy (default: the published one). */
  readonly geoList?: GeoList;
  /** With it, external endpoints answer only when their targets are the policy's (see `endpointIdentifier`). */
  readonly policy?: Policy;
}

export function verifyAzure(input: AzureVerifyInput): AzureVerifyReport {
  const geography = azureGeography(input.geoList);
  const live =
    input.policy === undefined
      ? new AzureResources(input.resources, input.provider.zone, geography)
      : new AzureResources(input.resources, input.provider.zone, geography, endpointIdentifier(input.policy));
  const checks: AzureGeographyCheck[] = [];
  for (const service of input.splits.services) {
    if (input.services !== undefined && !input.services.includes(service.service)) continue;
    const types = live.typesAt(service.service);
    if (input.services !== undefined && types.length === 0) types.push('A');
    for (const type of types) {
      for (const geography of service.geographies) {
        checks.push(checkGeography(live, service.service, type, geography.geo, geography.shares));
      }
    }
  }
  return { ok: checks.every((c) => c.ok), tolerance: AZURE_TOLERANCE, checks };
}

function checkGeography(
  live: AzureResources,
  service: string,
  type: AzureRecordType,
  geo: string,
  shares: Readonly<Record<string, number>>,
): AzureGeographyCheck {
  const answer = live.evaluate(service, type, geo);
  if (answer.kind === 'nodata') return { service, type, geo, nodata: answer.reason, deviation: 1, ok: false };
  const ids = new Set([...Object.keys(shares), ...answer.fractions.keys()]);
  const deviation = Math.max(
    0,
    ...[...ids].map((id) => Math.abs((shares[id] ?? 0) / 100 - (answer.fractions.get(id) ?? 0))),
  );
  return {
    service,
    type,
    geo,
    answers: Object.fromEntries(answer.fractions),
    deviation,
    ok: deviation <= AZURE_TOLERANCE,
  };
}

/**
 * Endpoint → fraction per service and plan geography, as resolvers asking for the service's
 * first record type (A, else AAAA, else CNAME) would get them, or `only` that type; NODATA
 * geographies are left out.
 * An external endpoint whose target is not its policy endpoint's answers as `<id>@<target>`.
 */
export function azureDistributions(
  resources: readonly Resource[],
  policy: Policy,
  provider: Provider,
  geoList?: GeoList,
  only?: string,
  down?: ReadonlySet<string>,
): ServiceDistributions {
  const live = new AzureResources(resources, provider.zone, azureGeography(geoList), endpointIdentifier(policy), down);
  const geos = listGeographies(policy).map((g) => g.id);
  const out = new Map<string, Map<string, Distribution>>();
  for (const service of policy.services.filter((s) => s.publish.includes(provider.id))) {
    const types = live.typesAt(service.name);
    const type = only === undefined ? types[0] : types.find((t) => t === only);
    const byGeo = new Map<string, Distribution>();
    if (type !== undefined) {
      for (const geo of geos) {
        const answer = live.evaluate(service.name, type, geo);
        if (answer.kind === 'answers') byGeo.set(geo, answer.fractions);
      }
    }
    out.set(service.name, byGeo);
  }
  return out;
}
