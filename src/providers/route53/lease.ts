import { type Change, ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { isTrafficportError } from '../../errors.js';
import { lockName } from '../../render/lock-name.js';
import { route53Name } from '../../render/route53-names.js';
import type { LeaseRecord, LeaseStore } from '../types.js';
import { isConflict } from './errors.js';
import { CallMeter } from './meter.js';
import type { Route53Sender } from './zone.js';

const TTL = 60;

/**
 * The zone lease on Route 53: a simple TXT set at `_trafficport-lock.<zone>`. CREATE fails when the
 * set exists, and DELETE must name the set's exact TTL and values, both within one atomic batch
 * [API Reference: ChangeResourceRecordSets, "Change batches and transactional changes" and
 * "Deleting resource record sets"; the refusal text "Tried to create resource record set … but it
 * already exists" is quoted in DefangLabs/docs-chatbot#22]. So create is "only if absent", and
 * DELETE + CREATE in one batch is "replace only if unchanged".
 */
export class Route53Lease implements LeaseStore {
  readonly scope: string;
  private readonly name: string;

  constructor(
    private readonly client: Route53Sender,
    private readonly zoneId: () => Promise<string>,
    private readonly provider: string,
    zone: string,
  ) {
    this.name = route53Name(lockName(zone));
    // The same on every machine (no account or endpoint in it): leases are taken in its order.
    this.scope = `route53 ${route53Name(zone)}`;
  }

  async read(): Promise<LeaseRecord | undefined> {
    const zoneId = await this.zoneId();
    const page = await new CallMeter(this.provider).call('ListResourceRecordSets', () =>
      this.client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          StartRecordName: this.name,
          StartRecordType: 'TXT',
          MaxItems: 1,
        }),
      ),
    );
    const set = page.ResourceRecordSets?.[0];
    if (set === undefined || route53Name(set.Name ?? '') !== this.name || set.Type !== 'TXT') return undefined;
    const values = (set.ResourceRecords ?? []).map((r) => r.Value ?? '');
    return { text: values.map(unquote).join(''), version: JSON.stringify({ ttl: set.TTL ?? TTL, values }) };
  }

  async create(text: string): Promise<LeaseRecord | undefined> {
    return (await this.change([{ Action: 'CREATE', ResourceRecordSet: this.set(text) }])) ? written(text) : undefined;
  }

  async replace(previous: LeaseRecord, text: string): Promise<LeaseRecord | undefined> {
    const changed = await this.change([
      { Action: 'DELETE', ResourceRecordSet: this.previousSet(previous) },
      { Action: 'CREATE', ResourceRecordSet: this.set(text) },
    ]);
    return changed ? written(text) : undefined;
  }

  remove(previous: LeaseRecord): Promise<boolean> {
    return this.change([{ Action: 'DELETE', ResourceRecordSet: this.previousSet(previous) }]);
  }

  private set(text: string) {
    return { Name: this.name, Type: 'TXT' as const, TTL, ResourceRecords: [{ Value: `"${text}"` }] };
  }

  private previousSet(previous: LeaseRecord) {
    const { ttl, values } = JSON.parse(previous.version) as { ttl: number; values: string[] };
    return { Name: this.name, Type: 'TXT' as const, TTL: ttl, ResourceRecords: values.map((Value) => ({ Value })) };
  }

  /** One atomic batch; false when Route 53 refuses it because the set is not as expected. */
  private async change(changes: Change[]): Promise<boolean> {
    const zoneId = await this.zoneId();
    try {
      await new CallMeter(this.provider).call('ChangeResourceRecordSets', () =>
        this.client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zoneId,
            ChangeBatch: { Comment: 'trafficport zone lease', Changes: changes },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isTrafficportError(error) && isConflict(error.cause)) return false;
      throw error;
    }
  }
}

/** The record as Route 53 will list it after writing `text`. */
function written(text: string): LeaseRecord {
  return { text, version: JSON.stringify({ ttl: TTL, values: [`"${text}"`] }) };
}

/** A TXT value as Route 53 lists it (`"a" "b"`, quotes and escapes) → its text. */
function unquote(value: string): string {
  const strings = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  return strings.length === 0 ? value : strings.join('');
}
