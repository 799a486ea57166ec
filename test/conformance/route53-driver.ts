import {
  type Change,
  ChangeResourceRecordSetsCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import type { Route53Provider } from '../../src/policy/types.js';
import { ZONE_PLACEHOLDER } from '../../src/render/route53-names.js';
import type { Resource } from '../../src/render/types.js';
import type { ForeignType, RawDriver } from './target.js';

/** Route 53 behind trafficport's back: the SDK client the target's adapter would use. */
export function route53Driver(client: Route53Client, provider: Route53Provider): RawDriver {
  let zoneId: string | undefined = provider.hostedZoneId;
  const zone = async () => {
    if (zoneId !== undefined) return zoneId.replace('/hostedzone/', '');
    const found = await client.send(new ListHostedZonesByNameCommand({ DNSName: provider.zone, MaxItems: 1 }));
    const hosted = found.HostedZones?.find((z) => z.Name === `${provider.zone.replace(/\.$/, '')}.`);
    if (hosted?.Id === undefined) throw new Error(`no hosted zone ${provider.zone}`);
    zoneId = hosted.Id.replace('/hostedzone/', '');
    return zoneId;
  };
  const change = async (changes: Change[]) => {
    const HostedZoneId = await zone();
    for (let i = 0; i < changes.length; i += 400) {
      await client.send(
        new ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes: changes.slice(i, i + 400) } }),
      );
    }
  };
  const plain = (name: string, type: ForeignType, value: string): ResourceRecordSet => ({
    Name: name,
    Type: type,
    TTL: 300,
    ResourceRecords: [{ Value: type === 'TXT' ? `"${value}"` : value }],
  });
  const find = async (name: string, type: ForeignType) => {
    const page = await client.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: await zone(),
        StartRecordName: name,
        StartRecordType: type,
        MaxItems: 1,
      }),
    );
    const set = page.ResourceRecordSets?.[0];
    return set !== undefined && set.Name === `${name.toLowerCase()}.` && set.Type === type && !set.SetIdentifier
      ? set
      : undefined;
  };
  return {
    putForeign: (name, type, value) => change([{ Action: 'UPSERT', ResourceRecordSet: plain(name, type, value) }]),
    async foreignValue(name, type) {
      const value = (await find(name, type))?.ResourceRecords?.[0]?.Value;
      return value === undefined ? undefined : value.replace(/^"|"$/g, '');
    },
    async deleteForeign(name, type) {
      const set = await find(name, type);
      if (set !== undefined) await change([{ Action: 'DELETE', ResourceRecordSet: set }]);
    },
    fill: (under, count) =>
      change(
        Array.from({ length: count }, (_, i) => ({
          Action: 'UPSERT' as const,
          ResourceRecordSet: plain(`f-${i}.${under}`, 'TXT', `filler ${i}`),
        })),
      ),
    unfill: (under, count) =>
      change(
        Array.from({ length: count }, (_, i) => ({
          Action: 'DELETE' as const,
          ResourceRecordSet: plain(`f-${i}.${under}`, 'TXT', `filler ${i}`),
        })),
      ),
    async tamper(resource: Resource) {
      const HostedZoneId = await zone();
      const body = withZone(resource.body as unknown as ResourceRecordSet, HostedZoneId);
      // A weighted group must keep one TTL, so a weighted set changes its weight instead.
      const changed: ResourceRecordSet =
        body.Weight !== undefined
          ? { ...body, Weight: body.Weight === 255 ? 254 : body.Weight + 1 }
          : body.AliasTarget !== undefined
            ? {
                ...body,
                AliasTarget: { ...body.AliasTarget, EvaluateTargetHealth: !body.AliasTarget.EvaluateTargetHealth },
              }
            : { ...body, TTL: (body.TTL ?? 60) + 1 };
      await change([
        { Action: 'DELETE', ResourceRecordSet: body },
        { Action: 'CREATE', ResourceRecordSet: changed },
      ]);
    },
  };
}

/** A canonical body names its own zone `ZONE`; the API wants the id. */
function withZone(body: ResourceRecordSet, zoneId: string): ResourceRecordSet {
  if (body.AliasTarget?.HostedZoneId !== ZONE_PLACEHOLDER) return body;
  return { ...body, AliasTarget: { ...body.AliasTarget, HostedZoneId: zoneId } };
}
