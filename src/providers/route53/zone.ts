import {
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  type HostedZone,
  ListHostedZonesByNameCommand,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { Route53Provider } from '../../policy/types.js';
import { route53Name } from '../../render/route53-names.js';
import type { CallMeter } from './meter.js';

export type Route53Sender = Pick<Route53Client, 'send'>;

/**
 * The hosted zone a provider publishes to: `hostedZoneId` from the policy (checked to be the
 * zone it names), else the zone of that name in the account. Only the mock backend may create
 * it: on real AWS a missing zone is a setup mistake (delegation, billing) a tool must not paper
 * over.
 */
export async function resolveZoneId(
  provider: Route53Provider,
  client: Route53Sender,
  meter: CallMeter,
): Promise<string> {
  const wanted = route53Name(provider.zone);
  if (provider.hostedZoneId !== undefined) {
    const id = stripZonePrefix(provider.hostedZoneId);
    const found = await meter.call('GetHostedZone', () => client.send(new GetHostedZoneCommand({ Id: id })));
    const name = route53Name(found.HostedZone?.Name ?? '');
    if (name !== wanted) {
      throw new TrafficportError(
        'PROVIDER.ZONE_MISMATCH',
        `hosted zone ${id} of provider '${provider.id}' is ${name}, not ${wanted}`,
        { hint: `fix hostedZoneId or zone of provider '${provider.id}' in the policy` },
      );
    }
    return id;
  }
  const existing = await findZoneByName(provider, client, meter);
  if (existing !== undefined) return existing;
  if (provider.backend !== 'mock') {
    throw new TrafficportError('PROVIDER.NO_ZONE', `no hosted zone named ${wanted} for provider '${provider.id}'`, {
      hint: `create the hosted zone ${provider.zone} in Route 53 (and delegate it), or set hostedZoneId in the policy`,
    });
  }
  return createMockZone(provider, client, meter);
}

async function findZoneByName(
  provider: Route53Provider,
  client: Route53Sender,
  meter: CallMeter,
): Promise<string | undefined> {
  const wanted = route53Name(provider.zone);
  const page = await meter.call('ListHostedZonesByName', () =>
    client.send(new ListHostedZonesByNameCommand({ DNSName: provider.zone, MaxItems: 100 })),
  );
  const named = (page.HostedZones ?? []).filter((zone) => route53Name(zone.Name ?? '') === wanted);
  // A public and a private zone may share a name; the public one is what resolvers see.
  const publicZones = named.filter((zone) => zone.Config?.PrivateZone !== true);
  const candidates = publicZones.length > 0 ? publicZones : named;
  if (candidates.length > 1) {
    throw new TrafficportError(
      'PROVIDER.AMBIGUOUS_ZONE',
      `${candidates.length} hosted zones are named ${wanted} for provider '${provider.id}'`,
      { hint: `set hostedZoneId to one of ${candidates.map(zoneId).join(', ')} in the policy` },
    );
  }
  return candidates[0] === undefined ? undefined : zoneId(candidates[0]);
}

async function createMockZone(provider: Route53Provider, client: Route53Sender, meter: CallMeter): Promise<string> {
  try {
    // A fixed caller reference makes two processes racing to create the zone create it once.
    const created = await meter.call('CreateHostedZone', () =>
      client.send(
        new CreateHostedZoneCommand({ Name: provider.zone, CallerReference: `trafficport:${provider.zone}` }),
      ),
    );
    if (created.HostedZone !== undefined) return zoneId(created.HostedZone);
  } catch (error) {
    if ((error as { cause?: { name?: string } }).cause?.name !== 'HostedZoneAlreadyExists') throw error;
  }
  const raced = await findZoneByName(provider, client, meter);
  if (raced === undefined) throw new TrafficportError('PROVIDER.NO_ZONE', `could not create zone ${provider.zone}`);
  return raced;
}

function zoneId(zone: HostedZone): string {
  return stripZonePrefix(zone.Id ?? '');
}

export function stripZonePrefix(id: string): string {
  return id.replace(/^\/?hostedzone\//, '');
}
