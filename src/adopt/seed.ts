import { TrafficportError } from '../errors.js';
import { loadProviderKit } from '../providers/registry.js';
import type { AdapterOptions } from '../providers/types.js';
import type { JsonValue } from '../render/types.js';
import { rawDocument } from './import.js';

/**
 * `trafficport mock seed`: puts records in a mock zone as another tool would have (for trying
 * `import` and `adopt` without a cloud). The file is a Route 53 change batch as the AWS CLI takes
 * it (`{"Changes": [{"Action": "CREATE", "ResourceRecordSet": {…}}]}`); an alias whose
 * HostedZoneId is `ZONE` targets the zone itself. Mock backends only: it writes records
 * trafficport does not own, which it never does anywhere else.
 */
export async function seedMock(
  policyText: string,
  policyFile: string,
  batchText: string,
  providerId: string | undefined,
  options: AdapterOptions,
): Promise<{ readonly provider: string; readonly created: number }> {
  const { providers } = rawDocument(policyText, policyFile);
  const route53 = providers.filter((p) => p.type === 'route53' && (providerId === undefined || p.id === providerId));
  const provider = route53[0];
  if (provider === undefined || route53.length > 1) {
    throw new TrafficportError(
      'USAGE.UNKNOWN_NAME',
      provider === undefined
        ? `${policyFile} has no Route 53 provider${providerId === undefined ? '' : ` '${providerId}'`} to seed`
        : `${policyFile} has several Route 53 providers: name one with --provider`,
    );
  }
  if (provider.backend !== 'mock') {
    throw new TrafficportError(
      'USAGE.INVALID_ARGUMENT',
      `provider '${provider.id}' is not a mock backend: mock seed writes only to mocks`,
      {
        hint: 'set backend: mock on the provider',
      },
    );
  }
  const batch = JSON.parse(batchText) as { Changes?: { Action?: string; ResourceRecordSet?: JsonValue }[] };
  const changes = batch.Changes ?? [];
  if (changes.some((c) => c.Action !== 'CREATE' || c.ResourceRecordSet === undefined)) {
    throw new TrafficportError(
      'USAGE.INVALID_ARGUMENT',
      'mock seed takes CREATE changes only, each with a ResourceRecordSet',
    );
  }
  const kit = await loadProviderKit('route53');
  const adapter = await kit.createAdapter(provider, options);
  if (adapter.swap === undefined) throw new TrafficportError('ADOPT.UNSUPPORTED', 'the Route 53 adapter cannot write');
  await adapter.swap(
    [],
    [],
    changes.map((c) => c.ResourceRecordSet as JsonValue),
  );
  return { provider: provider.id, created: changes.length };
}
