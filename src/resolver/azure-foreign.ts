import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Distribution, ServiceDistributions } from '../plan/traffic.js';
import type { Policy, Provider } from '../policy/types.js';
import { azureGeography } from '../render/azure-geo.js';
import { type AzureRecordType, OWNER_KEY, OWNER_VALUE, relativeRecordName } from '../render/azure-names.js';
import type { Resource } from '../render/types.js';
import { listGeographies } from '../solve/geographies.js';
import { AzureResources } from './azure-evaluate.js';
import { endpointOf } from './route53.js';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Service → plan geography → endpoint → fraction for services whose record set at the name is
 * not trafficport's (imported, not adopted), from everything published (`readPublished`: record
 * sets and the Traffic Manager profiles behind them, nested or not): the Azure counterpart of
 * route53ForeignDistributions, evaluated as verify evaluates owned trees (azure-evaluate.ts, every
 * endpoint passing its probe). External endpoints are identified by their target among the
 * service's endpoints. Only the record type the name holds is evaluated.
 */
export function azureForeignDistributions(
  published: readonly Resource[],
  policy: Policy,
  provider: Provider,
  geoList: GeoList | undefined,
  only?: string,
): ServiceDistributions {
  const result = new Map<string, Map<string, Distribution>>();
  const geos = listGeographies(policy).map((geography) => geography.id);
  const byKey = new Map(published.map((r) => [r.key, r]));
  for (const service of policy.services.filter((candidate) => candidate.publish.includes(provider.id))) {
    const name = relativeRecordName(service.name, provider.zone);
    const type = (only === undefined ? ['CNAME', 'A', 'AAAA'] : [only]).find((t) => {
      const set = byKey.get(`azure.recordset|${name}|${t}`)?.body as { metadata?: Record<string, string> } | undefined;
      return set !== undefined && set.metadata?.[OWNER_KEY] !== OWNER_VALUE;
    }) as AzureRecordType | undefined;
    if (type === undefined) continue;
    const endpoints = policy.endpoints.filter((endpoint) => service.endpoints.includes(endpoint.id));
    const identify = (label: string, target: string | undefined) => {
      const value = target ?? label;
      return endpointOf([value], IPV4.test(value) ? 'A' : value.includes(':') ? 'AAAA' : 'CNAME', endpoints);
    };
    const tree = new AzureResources(published, provider.zone, azureGeography(geoList), identify);
    const plain = plainAnswer(byKey.get(`azure.recordset|${name}|${type}`)?.body, type, endpoints);
    const byGeo = new Map<string, Distribution>();
    for (const geo of geos) {
      const answer = plain === undefined ? tree.evaluate(service.name, type, geo) : plain;
      if (answer.kind === 'answers') byGeo.set(geo, answer.fractions as Distribution);
    }
    result.set(service.name, byGeo);
  }
  return result;
}

/** A record set that answers its own values (no alias, no CNAME to Traffic Manager), everywhere alike. */
function plainAnswer(
  body: unknown,
  type: string,
  endpoints: Parameters<typeof endpointOf>[2],
): { readonly kind: 'answers'; readonly fractions: ReadonlyMap<string, number> } | undefined {
  const set = body as {
    targetResource?: unknown;
    CNAMERecord?: { cname: string };
    ARecords?: { ipv4Address: string }[];
    AAAARecords?: { ipv6Address: string }[];
  };
  if (set.targetResource !== undefined || /\.trafficmanager\.net\.?$/i.test(set.CNAMERecord?.cname ?? ''))
    return undefined;
  const values =
    set.CNAMERecord !== undefined
      ? [set.CNAMERecord.cname]
      : type === 'AAAA'
        ? (set.AAAARecords ?? []).map((r) => r.ipv6Address)
        : (set.ARecords ?? []).map((r) => r.ipv4Address);
  return { kind: 'answers', fractions: new Map([[endpointOf(values, type, endpoints), 1]]) };
}
