import type { RecordSet } from '@azure/arm-dns';
import type { AzureProvider } from '../../policy/types.js';
import { OWNER_KEY, OWNER_VALUE } from '../../render/azure-names.js';
import { LOCK_LABEL } from '../../render/lock-name.js';
import type { LeaseRecord, LeaseStore } from '../types.js';
import type { AzureClients } from './client.js';
import { azureError, isNotFound } from './errors.js';

const TTL = 60;

/**
 * The zone lease on Azure DNS: a TXT record set `_trafficport-lock` (owned by metadata like every
 * record set trafficport writes). `If-None-Match: *` creates it only if absent; `If-Match: <etag>`
 * replaces or deletes it only if unchanged; a failed condition is HTTP 412 PreconditionFailed
 * [@azure/arm-dns RecordSetsCreateOrUpdateOptionalParams: ifNoneMatch "Set to '*' to allow a new
 * record set to be created, but to prevent updating an existing record set", ifMatch "Specify the
 * last-seen etag value to prevent accidentally overwriting any concurrent changes";
 * RecordSetsDeleteOptionalParams.ifMatch; docs/mock-azure.md lists the 412 answers].
 */
export class AzureLease implements LeaseStore {
  readonly scope: string;

  constructor(
    private readonly provider: AzureProvider,
    private readonly clients: AzureClients,
    private readonly zoneReady: () => Promise<void>,
  ) {
    const { subscription, resourceGroup, zone } = provider;
    // The same on every machine: leases are taken in this order.
    this.scope = `azure ${subscription.toLowerCase()}/${resourceGroup.toLowerCase()} ${zone.toLowerCase()}`;
  }

  async read(): Promise<LeaseRecord | undefined> {
    await this.zoneReady();
    const { resourceGroup, zone } = this.provider;
    let set: RecordSet;
    try {
      set = await this.clients.dns.recordSets.get(resourceGroup, zone, LOCK_LABEL, 'TXT');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw azureError(error, `the lease record of ${zone}`);
    }
    const text = (set.txtRecords ?? []).flatMap((r) => r.value ?? []).join('');
    return { text, version: set.etag ?? '' };
  }

  create(text: string): Promise<LeaseRecord | undefined> {
    return this.put(text, { ifNoneMatch: '*' });
  }

  replace(previous: LeaseRecord, text: string): Promise<LeaseRecord | undefined> {
    return this.put(text, { ifMatch: previous.version });
  }

  async remove(previous: LeaseRecord): Promise<boolean> {
    const { resourceGroup, zone } = this.provider;
    const removed = await this.conditional(() =>
      this.clients.dns.recordSets.delete(resourceGroup, zone, LOCK_LABEL, 'TXT', { ifMatch: previous.version }),
    );
    return removed !== undefined;
  }

  private async put(
    text: string,
    condition: { ifNoneMatch: string } | { ifMatch: string },
  ): Promise<LeaseRecord | undefined> {
    await this.zoneReady();
    const { resourceGroup, zone } = this.provider;
    const body: RecordSet = { ttl: TTL, txtRecords: [{ value: [text] }], metadata: { [OWNER_KEY]: OWNER_VALUE } };
    const set = await this.conditional(() =>
      this.clients.dns.recordSets.createOrUpdate(resourceGroup, zone, LOCK_LABEL, 'TXT', body, condition),
    );
    return set === undefined ? undefined : { text, version: (set as RecordSet).etag ?? '' };
  }

  /** What the write answered, or undefined when its condition failed (412); other failures throw. */
  private async conditional<T>(write: () => Promise<T>): Promise<T | undefined> {
    try {
      return (await write()) ?? (true as T);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 412) return undefined;
      throw azureError(error, `the lease record of ${this.provider.zone}`);
    }
  }
}
