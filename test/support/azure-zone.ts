/**
 * What an Azure mock zone holds and answers, read through the real SDK clients: the adopt tests
 * compare these before and after an adoption and a rollback.
 */
import { COUNTRIES } from '../../src/geo/countries.js';
import { profileFromSdk, recordSetFromSdk } from '../../src/providers/azure/canonical.js';
import type { Resource } from '../../src/render/types.js';
import { AzureResources } from '../../src/resolver/azure-evaluate.js';
import type { StateFileClients } from './state-file-clients.js';

/**
 * Every record set of the zone (resource group `dns`) and every profile of resource group
 * `traffic`, canonical, keyed like trafficport's resources (no ETags, no ids, no lease records).
 */
export async function azureZoneSnapshot(
  { dns, tm }: Pick<StateFileClients, 'dns' | 'tm'>,
  zone = 'example.com',
): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const set of dns.recordSets.listAllByDnsZone('dns', zone)) {
    const type = (set.type ?? '').split('/').pop()!.toUpperCase();
    if (set.name?.startsWith('_trafficport-lock')) continue;
    out.push({ kind: 'azure.recordset', key: `azure.recordset|${set.name}|${type}`, body: recordSetFromSdk(set) });
  }
  for await (const profile of tm.profiles.listByResourceGroup('traffic')) {
    out.push({ kind: 'azure.tm-profile', key: `azure.tm-profile|${profile.name}`, body: profileFromSdk(profile) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Geography → answered target → fraction for `name`'s `type` queries, from everything in the zone. */
export function azureAnswers(
  resources: readonly Resource[],
  zone: string,
  name: string,
  type: 'A' | 'CNAME',
): Map<string, Record<string, number>> {
  const tree = new AzureResources(resources, zone, undefined, (host, target) => target ?? host);
  const out = new Map<string, Record<string, number>>();
  for (const geo of ['*', ...COUNTRIES.keys()]) {
    const answer = tree.evaluate(name, type, geo);
    out.set(geo, answer.kind === 'answers' ? Object.fromEntries([...answer.fractions].sort()) : { [answer.kind]: 1 });
  }
  return out;
}
