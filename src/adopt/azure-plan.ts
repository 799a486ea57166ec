import { TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Change } from '../plan/diff.js';
import type { AzureProvider, Policy } from '../policy/types.js';
import type { HandOver, ProviderKit } from '../providers/types.js';
import { azureGeography } from '../render/azure-geo.js';
import { OWNER_KEY, OWNER_VALUE, relativeRecordName } from '../render/azure-names.js';
import type { Resource } from '../render/types.js';
import { AzureResources } from '../resolver/azure-evaluate.js';
import { endpointOf } from '../resolver/route53.js';
import { listGeographies } from '../solve/geographies.js';
import type { Splits } from '../solve/types.js';
import { nestedFromOutside, profileTree } from './azure-tree.js';
import type { AdoptProviderPlan, GeoMove, RecordLine } from './plan.js';

export interface AzureAdoptInput {
  readonly policy: Policy;
  readonly splits: Splits;
  readonly provider: AzureProvider;
  readonly kit: ProviderKit;
  readonly geoList: GeoList;
  /** `readPublished` of the whole zone: every record set, and the profiles of the profile group. */
  readonly published: readonly Resource[];
  readonly service: string;
}

const TYPES = ['CNAME', 'A', 'AAAA'] as const;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The adoption of one service at one Azure provider (pure, from what was read). Azure has no
 * write that spans resources, so the hand-over is ordered to keep every geography answered:
 * trafficport's profiles are created first (nothing points at them yet); the record set at the
 * name then switches to them in one conditional PUT; the foreign profiles it pointed at are
 * deleted after that, parents before the profiles they nest. Profiles something else still uses
 * (another record set of the zone, another profile) are kept and listed.
 */
export function planAzureAdoption(input: AzureAdoptInput): AdoptProviderPlan {
  const { policy, provider, service, published } = input;
  const name = relativeRecordName(service, provider.zone);
  const atName = published.filter((r) => r.kind === 'azure.recordset' && r.key.split('|')[1] === name);
  const foreignSet = TYPES.map((t) => atName.find((r) => r.key.endsWith(`|${t}`))).find((r) => r !== undefined);
  if (foreignSet === undefined || owned(foreignSet)) {
    throw new TrafficportError('ADOPT.NOTHING_TO_ADOPT', `no foreign CNAME, A or AAAA record set at ${service}`);
  }
  const rendered = input.kit.render({ policy, splits: input.splits, provider, geoList: input.geoList }).resources;
  const ownedSets = rendered.filter((r) => r.kind === 'azure.recordset' && r.key.split('|')[1] === name);
  const ownedSet = ownedSets[0];
  if (ownedSets.length !== 1 || ownedSet === undefined || ownedSet.key !== foreignSet.key) {
    throw new TrafficportError(
      'ADOPT.UNSUPPORTED',
      `trafficport publishes ${ownedSets.map((r) => r.key.split('|')[2]).join(' and ') || 'nothing'} at ${service}, where another tool publishes ${foreignSet.key.split('|')[2]}: Azure cannot switch one record set type for another in one write, so the name would go unanswered between the delete and the create`,
      { hint: 'adopt works when trafficport publishes the same one record set type at the name' },
    );
  }
  const profiles = published.filter((r) => r.kind === 'azure.tm-profile');
  const group = provider.trafficManager.resourceGroup;
  const theirs = profileTree(foreignSet, profiles, group);
  const ours = profileTree(ownedSet, rendered, group);
  const tree = new Set(theirs.profiles.map((p) => p.key));
  const kept: string[] = [];
  const remove = theirs.profiles.filter((profile) => {
    const users = [
      ...nestedFromOutside(profile, profiles, tree).map((key) => `profile ${key.split('|')[1]}`),
      ...recordSetsUsing(profile, published, foreignSet.key),
    ];
    if (owned(profile)) kept.push(`${profile.key.split('|')[1]} (owned by trafficport)`);
    else if (users.length > 0) kept.push(`${profile.key.split('|')[1]} (also used by ${users.join(', ')})`);
    return !owned(profile) && users.length === 0;
  });
  const handOver: HandOver = {
    service,
    switch: { before: foreignSet, after: ownedSet },
    create: ours.profiles,
    remove,
  };
  const moves = movesOf(input, [foreignSet, ...profiles], [ownedSet, ...ours.profiles]);
  const changes: Change[] = [
    ...[...ours.profiles].reverse().map((after): Change => ({ action: 'create', key: after.key, after })),
    { action: 'update', key: ownedSet.key, before: foreignSet, after: ownedSet },
  ];
  return {
    provider: provider.id,
    replaced: [foreignSet, ...remove].map(lineOf),
    created: [...[...ours.profiles].reverse(), ownedSet].map(lineOf),
    kept,
    moves,
    maxMovedPercent: Math.max(0, ...moves.map((m) => m.moved)),
    remove: [foreignSet, ...remove].map((r) => r.body),
    changes,
    desired: [ownedSet, ...ours.profiles],
    handOver,
  };
}

function owned(resource: Resource): boolean {
  const body = resource.body as { metadata?: Record<string, string>; tags?: Record<string, string> };
  const marks = body.metadata ?? body.tags;
  return marks?.[OWNER_KEY] === OWNER_VALUE;
}

/** Record sets other than `except` that alias the profile or CNAME to its DNS name. */
function recordSetsUsing(profile: Resource, published: readonly Resource[], except: string): string[] {
  const name = profile.key.split('|')[1] ?? '';
  const relative = (profile.body as { properties: { dnsConfig: { relativeName: string } } }).properties.dnsConfig
    .relativeName;
  return published
    .filter((r) => r.kind === 'azure.recordset' && r.key !== except)
    .filter((r) => {
      const body = r.body as { targetResource?: { id: string }; CNAMERecord?: { cname: string } };
      return (
        body.targetResource?.id.toLowerCase().endsWith(`/trafficmanagerprofiles/${name.toLowerCase()}`) === true ||
        body.CNAMERecord?.cname.toLowerCase().replace(/\.$/, '') === `${relative.toLowerCase()}.trafficmanager.net`
      );
    })
    .map((r) => `record set ${r.key.split('|').slice(1).join(' ')}`);
}

/** Per plan geography: the foreign tree's answer (endpoint ids by target) → trafficport's. */
function movesOf(input: AzureAdoptInput, before: readonly Resource[], after: readonly Resource[]): GeoMove[] {
  const { policy, provider, service } = input;
  const type = before[0]!.key.split('|')[2] as (typeof TYPES)[number];
  const endpoints = policy.endpoints.filter((e) =>
    policy.services.find((s) => s.name === service)?.endpoints.includes(e.id),
  );
  const identify = (_name: string, target: string | undefined) =>
    endpointOf(
      [target ?? _name],
      IPV4.test(target ?? '') ? 'A' : (target ?? '').includes(':') ? 'AAAA' : 'CNAME',
      endpoints,
    );
  const theirs = new AzureResources(before, provider.zone, azureGeography(input.geoList), identify);
  const ours = input.kit.evaluate(after, policy, provider, input.geoList, type).get(service);
  const moves: GeoMove[] = [];
  for (const geo of listGeographies(policy).map((g) => g.id)) {
    const answer = theirs.evaluate(service, type, geo);
    if (answer.kind !== 'answers') continue;
    const next = ours?.get(geo) ?? new Map<string, number>();
    const ids = new Set([...answer.fractions.keys(), ...next.keys()]);
    const moved =
      50 * [...ids].reduce((sum, id) => sum + Math.abs((answer.fractions.get(id) ?? 0) - (next.get(id) ?? 0)), 0);
    moves.push({ geo, before: percents(answer.fractions), after: percents(next), moved: round(moved) });
  }
  return moves;
}

function lineOf(resource: Resource): RecordLine {
  const [kind, name = '', type = ''] = resource.key.split('|');
  if (kind === 'azure.recordset') {
    const body = resource.body as {
      targetResource?: { id: string };
      CNAMERecord?: { cname: string };
      ARecords?: { ipv4Address: string }[];
    };
    const answer =
      body.targetResource !== undefined
        ? `alias ${body.targetResource.id.split('/').pop()}`
        : (body.CNAMERecord?.cname ?? (body.ARecords ?? []).map((r) => r.ipv4Address).join(', '));
    return { name, type, summary: `record set → ${answer}` };
  }
  const profile = resource.body as {
    properties: {
      trafficRoutingMethod: string;
      endpoints: {
        name: string;
        type: string;
        properties: {
          target?: string;
          targetResourceId?: string;
          endpointStatus?: string;
          weight?: number;
          geoMapping?: string[];
        };
      }[];
    };
  };
  const routing = profile.properties.trafficRoutingMethod;
  const endpoints = profile.properties.endpoints.map((e) => {
    const to = e.properties.target ?? `nested ${e.properties.targetResourceId?.split('/').pop() ?? '?'}`;
    const how =
      e.properties.endpointStatus === 'Disabled'
        ? 'disabled'
        : routing === 'Weighted'
          ? `weight ${e.properties.weight ?? 1}`
          : routing === 'Geographic'
            ? (e.properties.geoMapping ?? []).slice(0, 3).join(' ') +
              ((e.properties.geoMapping?.length ?? 0) > 3 ? ' …' : '')
            : routing;
    return `${how} → ${to}`;
  });
  return { name, type: 'TM profile', summary: `${routing}: ${endpoints.join('; ')}` };
}

function percents(shares: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...shares].filter(([, f]) => f > 0).map(([id, f]) => [id, round(100 * f)]));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
