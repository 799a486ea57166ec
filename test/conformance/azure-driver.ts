import type { RecordSet } from '@azure/arm-dns';
import type { AzureProvider } from '../../src/policy/types.js';
import type { AzureClients } from '../../src/providers/azure/client.js';
import { relativeRecordName } from '../../src/render/azure-names.js';
import type { Resource } from '../../src/render/types.js';
import type { ForeignType, RawDriver } from './target.js';

/** Azure DNS and Traffic Manager behind trafficport's back, through the SDK clients. */
export function azureDriver(clients: AzureClients, provider: AzureProvider): RawDriver {
  const { resourceGroup, zone } = provider;
  const relative = (name: string) => relativeRecordName(name, zone);
  const body = (type: ForeignType, value: string): RecordSet =>
    type === 'TXT' ? { ttl: 300, txtRecords: [{ value: [value] }] } : { ttl: 300, aRecords: [{ ipv4Address: value }] };
  const put = (name: string, type: ForeignType, value: string) =>
    clients.dns.recordSets.createOrUpdate(resourceGroup, zone, relative(name), type, body(type, value));
  const inBatches = async (count: number, task: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < count; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, j) => task(i + j)));
    }
  };
  return {
    putForeign: async (name, type, value) => {
      await put(name, type, value);
    },
    async foreignValue(name, type) {
      try {
        const set = await clients.dns.recordSets.get(resourceGroup, zone, relative(name), type);
        return type === 'TXT' ? set.txtRecords?.[0]?.value?.[0] : set.aRecords?.[0]?.ipv4Address;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      }
    },
    deleteForeign: async (name, type) => {
      await clients.dns.recordSets.delete(resourceGroup, zone, relative(name), type);
    },
    fill: (under, count) => inBatches(count, (i) => put(`f-${i}.${under}`, 'TXT', `filler ${i}`)),
    unfill: (under, count) =>
      inBatches(count, (i) => clients.dns.recordSets.delete(resourceGroup, zone, relative(`f-${i}.${under}`), 'TXT')),
    async tamper(resource: Resource) {
      const [kind, name = '', type = ''] = resource.key.split('|');
      if (kind === 'azure.recordset') {
        const set = await clients.dns.recordSets.get(resourceGroup, zone, name, type as 'A');
        await clients.dns.recordSets.createOrUpdate(resourceGroup, zone, name, type as 'A', {
          ...set,
          ttl: (set.ttl ?? 60) + 1,
        });
        return;
      }
      const group = provider.trafficManager.resourceGroup;
      const profile = await clients.tm.profiles.get(group, name);
      const dnsConfig = profile.dnsConfig ?? {};
      await clients.tm.profiles.createOrUpdate(group, name, {
        ...profile,
        dnsConfig: { ...dnsConfig, ttl: (dnsConfig.ttl ?? 60) + 1 },
      });
    },
  };
}
