import { ListResourceRecordSetsCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { CallMeter } from '../../src/providers/route53/meter.js';
import { sortSets } from '../../src/providers/route53/read.js';
import type { Route53Sender } from '../../src/providers/route53/zone.js';
import { compareText, route53Name } from '../../src/render/route53-names.js';

/**
 * The read as it was before the zone walk: one listing per service, from the service's name to
 * the first name outside its subtree (nested services listed again, duplicates merged by
 * sortSets). Kept as the oracle the walk must agree with. Defensive paging left out: the oracle
 * only ever talks to the mock.
 */
export async function perServiceRead(client: Route53Sender, zoneId: string, services: readonly string[]) {
  const meter = new CallMeter('oracle');
  const sets: ResourceRecordSet[] = [];
  for (const service of [...new Set(services)].sort(compareText)) {
    sets.push(...(await listSubtree(client, meter, zoneId, service)));
  }
  return sortSets(sets, zoneId);
}

async function listSubtree(
  client: Route53Sender,
  meter: CallMeter,
  zoneId: string,
  service: string,
): Promise<ResourceRecordSet[]> {
  const root = route53Name(service);
  const inside = (name: string | undefined) =>
    name !== undefined && (route53Name(name) === root || route53Name(name).endsWith(`.${root}`));
  const sets: ResourceRecordSet[] = [];
  let start: Record<string, string | undefined> = { StartRecordName: root };
  for (;;) {
    const current = start;
    const response = await meter.call('ListResourceRecordSets', () =>
      client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300, ...current })),
    );
    for (const set of response.ResourceRecordSets ?? []) {
      if (!inside(set.Name)) return sets;
      sets.push(set);
    }
    if (response.IsTruncated !== true) return sets;
    start = {
      StartRecordName: response.NextRecordName,
      StartRecordType: response.NextRecordType,
      StartRecordIdentifier: response.NextRecordIdentifier,
    };
    if (!inside(start.StartRecordName)) return sets;
  }
}
